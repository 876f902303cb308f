package io.parley.app.support;

import io.parley.app.security.DevTokens;

import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests, signed with the secret of application-test.yml. */
public final class TestTokens {

    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    private static final DevTokens TOKENS = new DevTokens(SECRET);

    private TestTokens() {
    }

    public static String user(String subject) {
        return TOKENS.mint(subject, List.of("user"), null, null, Duration.ofHours(1));
    }

    public static String withRoles(String subject, String... roles) {
        return TOKENS.mint(subject, List.of(roles), null, null, Duration.ofHours(1));
    }

    public static String expired(String subject) {
        return TOKENS.mint(subject, List.of("user"), null, null, Duration.ofHours(-1));
    }

    public static String signedWithAnotherSecret(String subject) {
        return new DevTokens("another-secret-another-secret-another-0123456789")
                .mint(subject, List.of("user"), null, null, Duration.ofHours(1));
    }
}
