package io.parley.app.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.parley.kernel.FilterScope;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The browser pages served from the jar (the agent console at {@code /console/}, the customer chat at
 * {@code /chat/}, their shared modules and style under {@code /assets/}): security headers on every
 * response of those paths, and {@code /console} and {@code /chat} redirected to their directory so the
 * pages' relative links (and a reverse proxy's path prefix) keep working.
 *
 * <p>The Content-Security-Policy allows scripts, styles and connections from the service's own origin
 * only: no inline script or style, no {@code eval}, no other host. The console may not be framed at all
 * ({@code frame-ancestors 'none'}): it acts with an agent's token. The chat page is meant to be embedded
 * in a company's own site, so who may frame it is configuration ({@code parley.web.chat.frame-ancestors},
 * default {@code *}); it holds nothing but the guest's own session, and browsers partition a framed
 * page's storage by the embedding site.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN) // the pages' paths only, chosen in the filter (FilterScope)
final class PageHeadersFilter implements Ordered {

    static final String CONSOLE = "/console";
    static final String CHAT = "/chat";
    static final String ASSETS = "/assets";
    static final String BASE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";
    /** Host sources, schemes, {@code 'self'}, {@code 'none'} or {@code *}, separated by spaces: nothing that could end the directive. */
    private static final Pattern FRAME_ANCESTORS = Pattern.compile("[A-Za-z0-9*'.:/_+-]+( [A-Za-z0-9*'.:/_+-]+)*");

    private final String consolePolicy;
    private final String chatPolicy;

    PageHeadersFilter(@Value("${parley.web.chat.frame-ancestors:*}") String chatFrameAncestors) {
        String ancestors = chatFrameAncestors == null ? "" : chatFrameAncestors.trim();
        if (!FRAME_ANCESTORS.matcher(ancestors).matches()) {
            throw new IllegalStateException("parley.web.chat.frame-ancestors must be a space-separated list of CSP sources "
                    + "(e.g. 'self' https://www.example.com), without ';' or ','");
        }
        this.consolePolicy = BASE_POLICY + "'none'";
        this.chatPolicy = BASE_POLICY + ancestors;
    }

    @Override
    public int getOrder() {
        // before security: the redirect needs no authentication, and headers go on every answer, 401/404 included
        // (+ 1: right after the request log, whose paths these never are; no two filters share an order)
        return ServerFilterPhase.FIRST.after() + 1;
    }

    /**
     * The files are read, nothing else (a static resource would otherwise answer any method);
     * {@code /console} and {@code /chat} move to {@code /console/} and {@code /chat/}, query kept.
     */
    @RequestFilter
    @Nullable
    HttpResponse<?> directory(HttpRequest<?> request) {
        if (!isPage(request.getPath())) {
            return null;
        }
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            HttpStatus status = HttpStatus.METHOD_NOT_ALLOWED;
            return Problems.respond(HttpResponse.status(status), status, Problems.genericDetail(status), List.of(), Map.of())
                    .header("Allow", "GET, HEAD");
        }
        String path = request.getPath();
        if (!CONSOLE.equals(path) && !CHAT.equals(path)) {
            return null;
        }
        String query = request.getUri().getRawQuery();
        // relative: resolved against the path the browser asked for, so a proxy's prefix survives
        String target = path.substring(1) + "/" + (query == null ? "" : "?" + query);
        return HttpResponse.permanentRedirect(URI.create(target));
    }

    /** What the patterns {@code /console}, {@code /console/**}, {@code /chat}, {@code /chat/**} and {@code /assets/**} matched. */
    static boolean isPage(String path) {
        return FilterScope.under(path, CONSOLE) || FilterScope.under(path, CHAT) || FilterScope.under(path, ASSETS);
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (!isPage(path)) {
            return;
        }
        boolean chat = FilterScope.under(path, CHAT);
        response.header("Content-Security-Policy", chat ? chatPolicy : consolePolicy);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        if (!chat) {
            // the console is never framed; its files are for this origin only (the chat page must stay frameable)
            response.header("X-Frame-Options", "DENY");
            response.header("Cross-Origin-Resource-Policy", "same-origin");
        }
        // the files change with the jar and carry no version in their names: revalidate every time
        response.header("Cache-Control", "no-cache");
    }
}
