package io.parley.app.ratelimit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.parley.app.ratelimit.RateLimiter.Decision;

import java.util.concurrent.CompletionStage;

/**
 * The cheap refusal of a flood: a write without a token (a guest's) from a client address whose
 * {@code guest-address} bucket is empty is answered 429 here, right after the request id is given and
 * before the request log, authentication, the body and everything else. Nothing is taken from the bucket:
 * a request that may pass is charged in full, every bucket at once, by {@link RateLimitFilter}, which
 * knows the caller and reads the body. The refusal is the one {@link RateLimitFilter} would give (same
 * limit, headers and body), only earlier; a write with a token always goes on to {@link RateLimitFilter}
 * (its key, the token's {@code sub}, is known only after authentication).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN) // the writes RateLimitFilter limits, chosen in the filter
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class EarlyRefusalFilter implements Ordered {

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final RefusalResponses refusals;

    EarlyRefusalFilter(RateLimiter limiter, RateLimitSettings settings, RefusalResponses refusals) {
        this.limiter = limiter;
        this.addresses = settings.clientAddresses();
        this.refusals = refusals;
    }

    @Override
    public int getOrder() {
        // after RequestIdFilter (FIRST.before(): the 429 carries its X-Request-Id), before the request log
        // (FIRST.after()) and security
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    CompletionStage<@Nullable HttpResponse<?>> refuseEmptyGuestAddress(HttpRequest<?> request) {
        // any Authorization header is a token attempt: authenticated (RateLimitFilter) or refused with 401
        if (!RateLimitFilter.isLimited(request) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return RateLimitFilter.PROCEED;
        }
        Decision refusal = limiter.refuseAtOnce(Limit.GUEST_ADDRESS, addresses.clientKey(request));
        return refusal == null ? RateLimitFilter.PROCEED : refusals.refuse(request, refusal);
    }
}
