package io.parley.app.ratelimit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.parley.app.ratelimit.RateLimiter.Decision;
import io.parley.app.ratelimit.RateLimiter.Observation;
import io.parley.app.web.Problems;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The 429 of a refused write, cheap enough to answer a flood: its problem+json body and header values depend
 * only on the limit and two small numbers (seconds until a retry can pass, seconds until the bucket is full),
 * so each is built once, the first time it is needed, and reused as bytes and strings.
 */
@Singleton
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RefusalResponses {

    /** Seconds remembered per limit; a figure above it (only a configuration with hour-long windows) is built each time. */
    static final int MAX_CACHED_SECONDS = 3600;
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<Limit, Prepared> prepared = new EnumMap<>(Limit.class);

    RefusalResponses(RateLimitSettings settings) {
        for (Limit limit : Limit.values()) {
            // a refusal names the one limit that refused, with the budget this instance enforces
            String policy = RateLimitHeaders.policy(List.of(new Observation(limit, settings.perInstance(limit), 0, 0)));
            prepared.put(limit, new Prepared(policy));
        }
    }

    MutableHttpResponse<?> tooManyRequests(Decision decision) {
        Observation refusing = decision.observations().get(0);
        Limit limit = refusing.limit();
        Prepared cache = prepared.get(limit);
        long retryAfter = decision.retryAfterSeconds();
        byte[] body = cache.body(limit, retryAfter);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(Problems.PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, cache.seconds(retryAfter))
                .header(RateLimitHeaders.POLICY, cache.policy)
                .header(RateLimitHeaders.STATE, cache.state(refusing))
                .body(body);
    }

    /** The problem+json body of a refusal, as {@link Problems#body} shapes every error. */
    static byte[] body(Limit limit, long retryAfter) {
        String detail = "Too many requests for the " + limit.configName() + " limit; retry in " + retryAfter + " s.";
        Map<String, Object> problem = Problems.body(HttpStatus.TOO_MANY_REQUESTS, detail, List.of(),
                Map.of("limit", limit.configName(), "retry_after", retryAfter));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> member : problem.entrySet()) {
                json.writeFieldName(member.getKey());
                if (member.getValue() instanceof Number number) {
                    json.writeNumber(number.longValue());
                } else {
                    json.writeString(String.valueOf(member.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One limit's bodies and header values, filled in as they are first needed (a race only builds one twice). */
    private static final class Prepared {
        private final AtomicReferenceArray<byte[]> bodies = new AtomicReferenceArray<>(MAX_CACHED_SECONDS + 1);
        private final AtomicReferenceArray<String> seconds = new AtomicReferenceArray<>(MAX_CACHED_SECONDS + 1);
        private final AtomicReferenceArray<String> emptyStates = new AtomicReferenceArray<>(MAX_CACHED_SECONDS + 1);
        private final String policy;

        Prepared(String policy) {
            this.policy = policy;
        }

        byte[] body(Limit limit, long retryAfter) {
            if (retryAfter < 0 || retryAfter > MAX_CACHED_SECONDS) {
                return RefusalResponses.body(limit, retryAfter);
            }
            byte[] body = bodies.get((int) retryAfter);
            if (body == null) {
                body = RefusalResponses.body(limit, retryAfter);
                bodies.set((int) retryAfter, body);
            }
            return body;
        }

        String seconds(long value) {
            if (value < 0 || value > MAX_CACHED_SECONDS) {
                return Long.toString(value);
            }
            String text = seconds.get((int) value);
            if (text == null) {
                text = Long.toString(value);
                seconds.set((int) value, text);
            }
            return text;
        }

        /** The {@code RateLimit} field; cached for the usual refusal, an empty bucket ({@code r=0}). */
        String state(Observation refusing) {
            long reset = refusing.resetSeconds();
            if (refusing.remaining() != 0 || reset < 0 || reset > MAX_CACHED_SECONDS) {
                return RateLimitHeaders.state(List.of(refusing));
            }
            String state = emptyStates.get((int) reset);
            if (state == null) {
                state = RateLimitHeaders.state(List.of(refusing));
                emptyStates.set((int) reset, state);
            }
            return state;
        }
    }
}
