package io.parley.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Bearer tokens that passed the full JWT validation (signature, claims), kept by their exact text so a
 * repeat of the same token skips parsing and the HMAC/RSA check. Bounded in size (least recently used
 * go first). An entry is served only while the token's {@code exp} lies ahead on the clock validation
 * uses (the system clock), and at most {@link #MAX_AGE} after it was validated, so a revoked JWKS key
 * stops working within that time; an expired entry falls back to the full validation, which rejects
 * it exactly as it would without the cache. Only a successful validation is ever stored.
 */
@Singleton
final class ValidatedTokens {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 10_000;

    private record Entry(Authentication authentication, Instant validUntil) {
    }

    private final Cache<String, Entry> cache;
    private final Clock clock;

    @Inject
    ValidatedTokens() {
        this(Clock.systemUTC(), MAX_ENTRIES);
    }

    ValidatedTokens(Clock clock, long maxEntries) {
        this.clock = clock;
        // the entry's own validUntil decides whether it is served; Caffeine's expiry only frees the memory
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(MAX_AGE)
                .build();
    }

    /** The authentication of a token validated before, while its {@code exp} has not passed. */
    Optional<Authentication> find(String token) {
        Entry entry = cache.getIfPresent(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.validUntil())) {
            cache.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(entry.authentication());
    }

    /** Remembers a token that has just passed the full validation; one without a readable {@code exp} is kept {@link #MAX_AGE}. */
    void remember(String token, Authentication authentication) {
        Instant now = clock.instant();
        Instant validUntil = now.plus(MAX_AGE);
        Optional<Instant> expires = expiry(authentication.getAttributes().get("exp"));
        if (expires.isPresent() && expires.get().isBefore(validUntil)) {
            validUntil = expires.get();
        }
        if (now.isBefore(validUntil)) {
            cache.put(token, new Entry(authentication, validUntil));
        }
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** {@code exp} as the JWT library hands it over: a {@link Date}, or seconds since the epoch. */
    static Optional<Instant> expiry(Object exp) {
        if (exp instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (exp instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (exp instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }
}
