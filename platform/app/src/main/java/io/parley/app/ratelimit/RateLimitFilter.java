package io.parley.app.ratelimit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.uri.UriMatchInfo;
import io.micronaut.security.authentication.Authentication;
import io.parley.app.ratelimit.RateLimiter.Charge;
import io.parley.app.ratelimit.RateLimiter.Decision;
import io.parley.kernel.FilterScope;
import io.parley.kernel.RateLimitRefusal;
import io.parley.kernel.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits on every write of the API (issue 17), checked right after authentication and body validation
 * and before any controller, so a refused request has done no database work and writes nothing. Which
 * buckets a write is charged to:
 * <ul>
 *   <li>without a token (a guest): {@code guest-address} per client address, plus {@code guest-session} per
 *       session id when it names one ({@code /sessions/{session_id}/...}, a chat turn's {@code session_id}),
 *       or {@code new-conversation} per client address when a chat turn starts a conversation;</li>
 *   <li>a signed-in user or agent: {@code user-writes} per {@code sub}, plus {@code new-conversation} per
 *       client address for {@code POST /conversations} and a chat turn without {@code session_id};</li>
 *   <li>service or admin: {@code service-writes} per {@code sub} (one service identity carries every
 *       customer's traffic from one address, so it has no per-address limit);</li>
 *   <li>{@code POST /traces}: {@code trace-spans} per {@code sub}, charged the batch's span count.</li>
 * </ul>
 * A refusal is 429 problem+json {@code urn:parley:problem:rate-limited} with {@code Retry-After}; every
 * limited response carries {@code RateLimit-Policy} and {@code RateLimit} ({@link RateLimitHeaders}).
 * A guest whose address has no token left was already refused by {@link EarlyRefusalFilter}, before
 * authentication and before the body was read. Both answer through {@link RefusalResponses}: not request-logged ({@link RateLimitRefusal}),
 * and the {@link Tarpit} holds back the answers to a key refused again and again.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN) // writes of /api/** only, chosen in the filter (FilterScope)
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RateLimitFilter implements Ordered {

    static final String CHAT = "/api/v1/chat";
    static final String CONVERSATIONS = "/api/v1/conversations";
    static final String TRACES = "/api/v1/traces";
    static final String SESSION_VARIABLE = "session_id";
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    private static final int MAX_SESSION_KEY = 128;
    /**
     * What a request filter of ours returns to let the request go on: a future of no response (a null future
     * itself is not accepted where a filter may answer later).
     */
    static final CompletionStage<@Nullable HttpResponse<?>> PROCEED = CompletableFuture.completedFuture(null);

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final RefusalResponses refusals;

    RateLimitFilter(RateLimiter limiter, RateLimitSettings settings, RefusalResponses refusals) {
        this.limiter = limiter;
        this.addresses = settings.clientAddresses();
        this.refusals = refusals;
    }

    @Override
    public int getOrder() {
        // after the security filter (the caller is known), RejectInvalidTokenFilter and StrictJsonBodyFilter
        return ServerFilterPhase.SECURITY.after() + 2;
    }

    @RequestFilter
    CompletionStage<@Nullable HttpResponse<?>> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (!isLimited(request)) {
            return PROCEED;
        }
        Decision decision = limiter.check(charges(request, body));
        if (decision.isAllowed()) {
            request.setAttribute(DECISION, decision);
            return PROCEED;
        }
        return refusals.refuse(request, decision);
    }

    /** The writes of the API: POST, PUT, PATCH and DELETE under {@code /api}. */
    static boolean isLimited(HttpRequest<?> request) {
        return FilterScope.writes(request.getMethodName()) && FilterScope.isApi(request.getPath());
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, Decision.class).ifPresent(decision -> {
            response.header(RateLimitHeaders.POLICY, RateLimitHeaders.policy(decision.observations()));
            response.header(RateLimitHeaders.STATE, RateLimitHeaders.state(decision.observations()));
        });
    }

    List<Charge> charges(HttpRequest<?> request, @Nullable byte[] body) {
        String template = BasicHttpAttributes.getUriTemplate(request).orElse("");
        boolean post = request.getMethod() == HttpMethod.POST;
        boolean chat = post && CHAT.equals(template);
        List<Charge> charges = new ArrayList<>(2);
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (caller == null) {
            String address = clientAddress(request);
            charges.add(Charge.one(Limit.GUEST_ADDRESS, address));
            if (chat) {
                BodyFields.Session session = BodyFields.chatSession(body);
                if (session.startsAConversation()) {
                    charges.add(Charge.one(Limit.NEW_CONVERSATION, address));
                } else if (isSessionKey(session.sessionId())) {
                    charges.add(Charge.one(Limit.GUEST_SESSION, session.sessionId()));
                }
            } else {
                String sessionId = pathSession(request);
                if (isSessionKey(sessionId)) {
                    charges.add(Charge.one(Limit.GUEST_SESSION, sessionId));
                }
            }
            return charges;
        }
        String sub = caller.getName();
        if (post && TRACES.equals(template)) {
            charges.add(new Charge(Limit.TRACE_SPANS, sub, BodyFields.spanCount(body)));
            return charges;
        }
        if (isServiceOrAdmin(caller)) {
            charges.add(Charge.one(Limit.SERVICE_WRITES, sub));
            return charges;
        }
        charges.add(Charge.one(Limit.USER_WRITES, sub));
        if ((post && CONVERSATIONS.equals(template)) || (chat && BodyFields.chatSession(body).startsAConversation())) {
            charges.add(Charge.one(Limit.NEW_CONVERSATION, clientAddress(request)));
        }
        return charges;
    }

    private String clientAddress(HttpRequest<?> request) {
        return addresses.clientKey(request);
    }

    private static boolean isServiceOrAdmin(Authentication caller) {
        for (String role : caller.getRoles()) {
            Role known = Role.fromClaim(role).orElse(null);
            if (known == Role.SERVICE || known == Role.ADMIN) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    private static String pathSession(HttpRequest<?> request) {
        return BasicHttpAttributes.getRouteMatchInfo(request)
                .map(UriMatchInfo::getVariableValues)
                .map(values -> values.get(SESSION_VARIABLE))
                .map(Object::toString)
                .orElse(null);
    }

    /**
     * A value that could be a session id (URL-safe, at most 128 characters) gets a bucket; anything else
     * names no conversation, is refused by the controller, and must not grow the bucket cache with
     * attacker-chosen keys. Such a request is still charged to its address.
     */
    static boolean isSessionKey(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_SESSION_KEY) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return true;
    }
}
