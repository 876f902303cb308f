package io.parley.app.security;

import io.micronaut.security.authentication.Authentication;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache of validated tokens serves a token only while it is unexpired, and never grows without bound. */
class ValidatedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private MutableClock clock;
    private ValidatedTokens tokens;

    @BeforeEach
    void freshCache() {
        clock = new MutableClock(NOW);
        tokens = new ValidatedTokens(clock, 100);
    }

    private static Authentication expiringAt(Instant exp) {
        return Authentication.build("alice", List.of("user"), Map.of("sub", "alice", "exp", Date.from(exp)));
    }

    @Test
    void a_validated_token_is_served_until_its_exp() {
        Authentication alice = expiringAt(NOW.plusSeconds(60));
        tokens.remember("t1", alice);

        clock.advance(Duration.ofSeconds(59));
        assertEquals(alice, tokens.find("t1").orElseThrow());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.find("t1").isEmpty(), "at its exp the token must go through the full validation again");
    }

    @Test
    void exp_given_as_epoch_seconds_counts_as_well() {
        tokens.remember("t1", Authentication.build("alice", List.of("user"), Map.of("exp", NOW.plusSeconds(10).getEpochSecond())));
        clock.advance(Duration.ofSeconds(10));
        assertTrue(tokens.find("t1").isEmpty());
    }

    @Test
    void a_long_lived_token_is_validated_again_after_the_maximum_age() {
        tokens.remember("t1", expiringAt(NOW.plus(Duration.ofHours(12))));
        clock.advance(ValidatedTokens.MAX_AGE.minusSeconds(1));
        assertTrue(tokens.find("t1").isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.find("t1").isEmpty());
    }

    @Test
    void a_token_without_exp_is_kept_at_most_the_maximum_age() {
        tokens.remember("t1", Authentication.build("alice", List.of("user"), Map.of("sub", "alice")));
        clock.advance(ValidatedTokens.MAX_AGE);
        assertTrue(tokens.find("t1").isEmpty());
    }

    @Test
    void an_already_expired_token_is_not_kept() {
        tokens.remember("t1", expiringAt(NOW.minusSeconds(1)));
        assertTrue(tokens.find("t1").isEmpty());
        assertEquals(0, tokens.size());
    }

    @Test
    void only_the_exact_token_text_is_a_hit() {
        tokens.remember("header.payload.signature", expiringAt(NOW.plusSeconds(60)));
        assertTrue(tokens.find("header.payload.signaturX").isEmpty());
        assertTrue(tokens.find("header.payload.signature").isPresent());
    }

    @Test
    void the_cache_is_bounded() {
        for (int i = 0; i < 1_000; i++) {
            tokens.remember("token-" + i, expiringAt(NOW.plusSeconds(60)));
        }
        assertTrue(tokens.size() <= 100, () -> "size " + tokens.size());
    }
}
