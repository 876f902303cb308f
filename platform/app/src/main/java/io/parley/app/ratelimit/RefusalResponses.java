package io.parley.app.ratelimit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.parley.app.ratelimit.RateLimiter.Decision;
import io.parley.app.ratelimit.RateLimiter.Observation;
import io.parley.app.web.Problems;
import io.parley.kernel.RateLimitRefusal;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How a refused write is answered, by {@link EarlyRefusalFilter} and {@link RateLimitFilter} alike: a 429
 * problem+json with {@code Retry-After}, {@code RateLimit-Policy} and {@code RateLimit}, marked so that no
 * request log records it ({@link RateLimitRefusal}), and held back by the {@link Tarpit} when the key keeps
 * asking. Cheap enough to answer a flood: the body depends only on the limit and the seconds until a retry
 * can pass, so it is serialized once per pair and reused as bytes, and the policy header once per limit.
 */
@Singleton
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RefusalResponses {

    /** Seconds remembered per limit; a figure above it (only a configuration with hour-long windows) is built each time. */
    static final int MAX_CACHED_SECONDS = 3600;

    private final JsonMapper json;
    private final Tarpit tarpit;
    private final Map<Limit, String> policies = new EnumMap<>(Limit.class);
    private final Map<Limit, AtomicReferenceArray<byte[]>> bodies = new EnumMap<>(Limit.class);

    RefusalResponses(RateLimitSettings settings, JsonMapper json, Tarpit tarpit) {
        this.json = json;
        this.tarpit = tarpit;
        for (Limit limit : Limit.values()) {
            // a refusal names the one limit that refused, with the budget this instance enforces
            policies.put(limit, RateLimitHeaders.policy(List.of(new Observation(limit, settings.perInstance(limit), 0, 0))));
            bodies.put(limit, new AtomicReferenceArray<>(MAX_CACHED_SECONDS + 1));
        }
    }

    /** The answer to a refused request: now, or later if the tarpit holds it back. */
    CompletionStage<@Nullable HttpResponse<?>> refuse(HttpRequest<?> request, Decision decision) {
        request.setAttribute(RateLimitRefusal.REQUEST_ATTRIBUTE, Boolean.TRUE);
        return tarpit.answer(tooManyRequests(decision), decision.refusalsInARow());
    }

    private HttpResponse<?> tooManyRequests(Decision decision) {
        Observation refusing = decision.observations().get(0);
        Limit limit = refusing.limit();
        long retryAfter = decision.retryAfterSeconds();
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(Problems.PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .header(RateLimitHeaders.POLICY, policies.get(limit))
                .header(RateLimitHeaders.STATE, RateLimitHeaders.state(List.of(refusing)))
                .body(body(limit, retryAfter));
    }

    /** The problem+json body, as {@link Problems#body} shapes every error; a race only serializes one twice. */
    private byte[] body(Limit limit, long retryAfter) {
        boolean cacheable = retryAfter >= 0 && retryAfter <= MAX_CACHED_SECONDS;
        byte[] body = cacheable ? bodies.get(limit).get((int) retryAfter) : null;
        if (body == null) {
            String detail = "Too many requests for the " + limit.configName() + " limit; retry in " + retryAfter + " s.";
            try {
                body = json.writeValueAsBytes(Problems.body(HttpStatus.TOO_MANY_REQUESTS, detail, List.of(),
                        Map.of("limit", limit.configName(), "retry_after", retryAfter)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (cacheable) {
                bodies.get(limit).set((int) retryAfter, body);
            }
        }
        return body;
    }
}
