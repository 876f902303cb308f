package io.parley.app.security;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code parley token --sub alice --roles admin}: the documented way to get a development token. */
class DevTokenCommandTest {

    private static final String SECRET = "a-development-secret-of-at-least-32-bytes!";

    @Test
    void prints_an_hs256_token_with_the_subject_roles_and_an_expiry() throws Exception {
        var out = new ByteArrayOutputStream();
        int exit = DevTokenCommand.run(new String[]{"--sub", "alice", "--roles", "admin,agent", "--email", "a@example.com"},
                () -> SECRET, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, exit);
        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))), "signed with the configured secret");
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("admin", "agent"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals("a@example.com", jwt.getJWTClaimsSet().getStringClaim("email"));
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().after(new Date()), "not yet expired");
    }

    @Test
    void roles_default_to_user() throws Exception {
        var out = new ByteArrayOutputStream();
        DevTokenCommand.run(new String[]{"--sub", "bob"}, () -> SECRET, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(List.of("user"), SignedJWT.parse(out.toString(StandardCharsets.UTF_8).trim()).getJWTClaimsSet().getStringListClaim("roles"));
    }

    @Test
    void a_missing_subject_is_a_usage_error() {
        var err = new ByteArrayOutputStream();
        int exit = DevTokenCommand.run(new String[]{"--roles", "admin"}, () -> SECRET, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }

    @Test
    void help_prints_the_usage_to_stdout_and_exits_0_without_asking_for_a_secret() {
        for (String[] args : new String[][]{{"--help"}, {"-h"}, {"--sub", "alice", "--help"}}) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int exit = DevTokenCommand.run(args, () -> fail("--help must not read or create the JWT secret"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(0, exit, String.join(" ", args));
            assertEquals(DevTokenCommand.USAGE, out.toString(StandardCharsets.UTF_8).trim());
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void an_unknown_flag_is_a_usage_error_that_shows_the_usage() {
        var err = new ByteArrayOutputStream();
        int exit = DevTokenCommand.run(new String[]{"--subject", "alice"}, () -> SECRET, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown flag --subject"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(DevTokenCommand.USAGE));
    }

    @Test
    void hours_that_are_not_a_whole_positive_number_are_a_usage_error_not_a_stack_trace() {
        for (String hours : new String[]{"twelve", "0", "1.5"}) {
            var err = new ByteArrayOutputStream();
            int exit = DevTokenCommand.run(new String[]{"--sub", "alice", "--hours", hours}, () -> SECRET, System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, exit, hours);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("--hours must be a whole number"), hours);
        }
    }
}
