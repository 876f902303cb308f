package io.parley.app.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;

/**
 * A token that is present but invalid, expired or wrongly signed is a 401 everywhere, also on
 * routes that guests may call: such a caller should learn their token is bad rather than be
 * served silently as a guest.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RejectInvalidTokenFilter implements Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** A method filter, not a reactive one: it runs inline on every request without a publisher chain. */
    @RequestFilter
    void rejectInvalidToken(HttpRequest<?> request) {
        boolean presentsToken = request.getHeaders().getAuthorization().isPresent();
        if (presentsToken && request.getUserPrincipal(Authentication.class).isEmpty()) {
            throw new AuthorizationException(null);
        }
    }
}
