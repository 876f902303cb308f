package io.parley.app.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import org.reactivestreams.Publisher;

/**
 * A token that is present but invalid, expired or wrongly signed is a 401 everywhere, also on
 * routes that guests may call: such a caller should learn their token is bad rather than be
 * served silently as a guest.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RejectInvalidTokenFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        boolean presentsToken = request.getHeaders().getAuthorization().isPresent();
        if (presentsToken && request.getUserPrincipal(Authentication.class).isEmpty()) {
            return Publishers.just(new AuthorizationException(null));
        }
        return chain.proceed(request);
    }
}
