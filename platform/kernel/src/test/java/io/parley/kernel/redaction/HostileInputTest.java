package io.parley.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to make backtracking patterns explode: about 1 MiB of one unit repeated. Every detector must
 * stay linear, so these finish in well under a second each; the assertions are about the result only.
 */
class HostileInputTest {

    private static final int ONE_MIB = 1 << 20;

    private final Redactor redactor = new Redactor();

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                // unchanged: nothing in them is a secret
                unchanged("digits only", "0"),
                unchanged("digits, spaces and dashes", "1 2-3 4-5 6-7 8-9 0-"),
                unchanged("groups of four failing Luhn", "1234 "),
                unchanged("digits glued to letters", "DE89 AB12 "),
                unchanged("password repeated", "password "),
                unchanged("my password is my password is …", "my password is "),
                unchanged("pwd repeated", "pwd "),
                unchanged("empty assignments password=&x=", "password=&x="),
                unchanged("key=key=key=…", "key="),
                unchanged("token: token: …", "token: "),
                unchanged("sk-sk-sk-…", "sk-"),
                unchanged("ghp_ repeated", "ghp_"),
                unchanged("AKIA repeated", "AKIA"),
                unchanged("eyJ without dots", "eyJ"),
                unchanged("Bearer repeated", "Bearer "),
                unchanged("URL scheme separators", "://a:"),
                unchanged("END lines without BEGIN", "-----END PRIVATE KEY-----\n"),
                unchanged("BEGIN lines without a key", "-----BEGIN PRIVATE KEY-----"),
                unchanged("existing markers", "[REDACTED:CARD]"),
                // every unit holds one secret
                eachRedactedAs("cards separated by spaces", "4111111111111111 ", "[REDACTED:CARD] "),
                eachRedactedAs("passwords in a row", "password: hunter2 ", "password: [REDACTED:PASSWORD] "),
                eachRedactedAs("quotes never closed on the line", "password: \"x\n", "password: \"[REDACTED:PASSWORD]\n"),
                eachRedactedAs("BEGIN lines with a key line, no END",
                        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n", "[REDACTED:PRIVATE_KEY]\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void staysLinearOnAMebibyteOfRepetition(String unit, String expectedUnit, int expectedCountPerUnit) {
        int repetitions = ONE_MIB / unit.length() + 1;

        Redacted<String> redacted = redactor.redact(unit.repeat(repetitions));

        assertSameText(expectedUnit.repeat(repetitions), redacted.value());
        assertEquals(expectedCountPerUnit * repetitions, redacted.count());
    }

    /** Like assertEquals, but reports where the texts part instead of printing a mebibyte twice. */
    private static void assertSameText(String expected, String actual) {
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        if (at < expected.length() || at < actual.length()) {
            fail("texts differ at " + at + " (lengths " + expected.length() + " and " + actual.length() + "): expected …"
                    + excerpt(expected, at) + "… but was …" + excerpt(actual, at) + "…");
        }
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40));
    }

    private static Arguments unchanged(String name, String unit) {
        return Arguments.of(Named.of(name, unit), unit, 0);
    }

    private static Arguments eachRedactedAs(String name, String unit, String redactedUnit) {
        return Arguments.of(Named.of(name, unit), redactedUnit, 1);
    }
}
