package io.parley.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final String OPENAI_PROJECT_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh1iJk2lMn3oPq4r";
    private static final String OPENAI_LEGACY_KEY = "sk-T3BlbkFJaB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3a";
    private static final String GITHUB_TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private static final String RSA_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
            VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
            LxoRDGgh1ux2z+Oy9qsXHq0Ux/0MFgYQU2q0bSUH9Q==
            -----END RSA PRIVATE KEY-----""";
    private static final String OPENSSH_KEY = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDvR3tV+2Xn1c5JpM0wq6bVv3sDqLmPzQ8uHcKxRz0v1wAAAJgd7z8yHe8/
            -----END OPENSSH PRIVATE KEY-----""";
    private static final String LEGACY_ENCRYPTED_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-128-CBC,5A0C2E9B4D7F1A3C8E6B0D2F4A6C8E0B

            hXm1kVvQ0bX7c3Jd9Qe2Zt8RwLp4Ny6UaKs1Gf5Ho0Ij3Mb7Vc9Xe2Ry4Tu6Wq8Op
            -----END RSA PRIVATE KEY-----""";

    private final Redactor redactor = new Redactor();

    static Stream<Arguments> secrets() {
        return Stream.of(
                // CARD
                secret("card: Visa in groups of four, mid-sentence", "My card is 4111 1111 1111 1111, thanks",
                        "My card is [REDACTED:CARD], thanks", 1),
                secret("card: dashes, at the start of the text", "4111-1111-1111-1111 is my card",
                        "[REDACTED:CARD] is my card", 1),
                secret("card: one run of 16 digits, at the end of the text", "please charge 5500000000000004",
                        "please charge [REDACTED:CARD]", 1),
                secret("card: Amex 4-6-5", "amex 3782 822463 10005 ok", "amex [REDACTED:CARD] ok", 1),
                secret("card: Diners 4-6-4", "diners 3056 930902 5904", "diners [REDACTED:CARD]", 1),
                secret("card: old 13-digit Visa", "old card 4222222222222", "old card [REDACTED:CARD]", 1),
                secret("card: 19-digit UnionPay 4-4-4-4-3", "unionpay 6212 3456 7890 1234 569",
                        "unionpay [REDACTED:CARD]", 1),
                secret("card: Mastercard 2-series", "mc 2223003122003222.", "mc [REDACTED:CARD].", 1),
                secret("card: Troy 9792, the one 9-card network", "troy 9792 1234 5678 9018",
                        "troy [REDACTED:CARD]", 1),
                secret("card: followed by its CVV, the CVV stays", "4111 1111 1111 1111 123 is what I typed",
                        "[REDACTED:CARD] 123 is what I typed", 1),
                secret("card: two cards in one run", "cards 4111 1111 1111 1111 5500 0000 0000 0004",
                        "cards [REDACTED:CARD] [REDACTED:CARD]", 2),
                secret("card: after a quantity", "qty 2 4111 1111 1111 1111", "qty 2 [REDACTED:CARD]", 1),
                secret("card: after a word ending in a digit", "visa2 4111 1111 1111 1111",
                        "visa2 [REDACTED:CARD]", 1),
                // PASSWORD
                secret("password: colon", "password: hunter2", "password: [REDACTED:PASSWORD]", 1),
                secret("password: equals, symbols in the value", "Password=Tr0ub4dor&3",
                        "Password=[REDACTED:PASSWORD]", 1),
                secret("password: spoken, full stop kept", "my password is hunter2.",
                        "my password is [REDACTED:PASSWORD].", 1),
                secret("password: spoken with was, comma kept", "The password was Zebra42, please",
                        "The password was [REDACTED:PASSWORD], please", 1),
                secret("password: pwd=", "login with pwd=abc123 now", "login with pwd=[REDACTED:PASSWORD] now", 1),
                secret("password: bare passwd", "passwd hunter2", "passwd [REDACTED:PASSWORD]", 1),
                secret("password: pass code, spoken", "my pass code is 4821", "my pass code is [REDACTED:PASSWORD]", 1),
                secret("password: bare passcode digits", "passcode 482193", "passcode [REDACTED:PASSWORD]", 1),
                secret("password: upper case with spaces around the colon", "PASSWORD : letmein",
                        "PASSWORD : [REDACTED:PASSWORD]", 1),
                secret("password: JSON, quoted value with a space", "{\"password\": \"p@ss w0rd\", \"user\": \"bob\"}",
                        "{\"password\": \"[REDACTED:PASSWORD]\", \"user\": \"bob\"}", 1),
                secret("password: environment variable", "DB_PASSWORD=Sup3rS3cret", "DB_PASSWORD=[REDACTED:PASSWORD]", 1),
                secret("password: camelCase name", "userPassword: s3cr3t!", "userPassword: [REDACTED:PASSWORD]!", 1),
                secret("password: markdown bold label", "**Password:** hunter2", "**Password:** [REDACTED:PASSWORD]", 1),
                secret("password: query string, next parameter kept",
                        "jdbc:postgresql://db/app?user=bob&password=s3cret&ssl=true",
                        "jdbc:postgresql://db/app?user=bob&password=[REDACTED:PASSWORD]&ssl=true", 1),
                secret("password: connection string", "Server=db;Password=abc123;User Id=bob",
                        "Server=db;Password=[REDACTED:PASSWORD];User Id=bob", 1),
                secret("password: PHP or Ruby hash", "'password' => 'hunter 2'", "'password' => '[REDACTED:PASSWORD]'", 1),
                secret("password: credentials in a URL", "postgres://app:hunter2@db:5432/x",
                        "postgres://app:[REDACTED:PASSWORD]@db:5432/x", 1),
                // API_KEY
                secret("api key: OpenAI project key", "use " + OPENAI_PROJECT_KEY + " for it",
                        "use [REDACTED:API_KEY] for it", 1),
                secret("api key: OpenAI legacy key at the start", OPENAI_LEGACY_KEY + " is mine",
                        "[REDACTED:API_KEY] is mine", 1),
                secret("api key: AWS access key id", "aws AKIAIOSFODNN7EXAMPLE", "aws [REDACTED:API_KEY]", 1),
                secret("api key: GitHub token", "token " + GITHUB_TOKEN, "token [REDACTED:API_KEY]", 1),
                secret("api key: GitHub fine-grained token",
                        "github_pat_11ABCDEFG0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPq",
                        "[REDACTED:API_KEY]", 1),
                secret("api key: Slack bot token", "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx ok",
                        "slack [REDACTED:API_KEY] ok", 1),
                secret("api key: generic api_key: hex", "api_key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                        "api_key: [REDACTED:API_KEY]", 1),
                secret("api key: generic apikey=", "apikey=Zx81Qw72Er63Ty54Ui45&page=2",
                        "apikey=[REDACTED:API_KEY]&page=2", 1),
                secret("api key: AWS secret access key variable",
                        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "AWS_SECRET_ACCESS_KEY=[REDACTED:API_KEY]", 1),
                secret("api key: generic token= then a full stop", "my token=c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA.",
                        "my token=[REDACTED:API_KEY].", 1),
                secret("api key: JSON client_secret", "{\"client_secret\": \"Zx81Qw72Er63Ty54Ui45\"}",
                        "{\"client_secret\": \"[REDACTED:API_KEY]\"}", 1),
                secret("api key: HTTP header x-api-key", "x-api-key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                        "x-api-key: [REDACTED:API_KEY]", 1),
                // BEARER and JWT
                secret("bearer: Authorization header, the word stays", "Authorization: Bearer abcdef0123456789ABCDEF",
                        "Authorization: Bearer [REDACTED:BEARER]", 1),
                secret("bearer: lower case inside quotes", "curl -H 'Authorization: bearer ya29.a0AfH6SMBx3abcDEF123456_gh'",
                        "curl -H 'Authorization: bearer [REDACTED:BEARER]'", 1),
                secret("jwt: bare, mid-sentence", "here " + JWT + " is my session", "here [REDACTED:JWT] is my session", 1),
                secret("jwt: after Bearer, reported as JWT", "Authorization: Bearer " + JWT,
                        "Authorization: Bearer [REDACTED:JWT]", 1),
                secret("jwt: after token=, reported as JWT", "?token=" + JWT + "&x=1", "?token=[REDACTED:JWT]&x=1", 1),
                secret("jwt: unsigned (alg none)", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
                        "[REDACTED:JWT]", 1),
                // PRIVATE_KEY
                secret("private key: RSA block with text around", "here: " + RSA_KEY + "\nthanks",
                        "here: [REDACTED:PRIVATE_KEY]\nthanks", 1),
                secret("private key: OpenSSH block", OPENSSH_KEY, "[REDACTED:PRIVATE_KEY]", 1),
                secret("private key: legacy encrypted with header lines", LEGACY_ENCRYPTED_KEY, "[REDACTED:PRIVATE_KEY]", 1),
                secret("private key: EC block flattened to one line",
                        "key -----BEGIN EC PRIVATE KEY----- MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oKz2Yz0x8yQ5 "
                                + "AwEHoUQDQgAE1x5r3YkR3mQ== -----END EC PRIVATE KEY----- end",
                        "key [REDACTED:PRIVATE_KEY] end", 1),
                secret("private key: PKCS#8 encrypted", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                                + "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIr3Xf0aQ1wM0CAggA\n"
                                + "-----END ENCRYPTED PRIVATE KEY-----",
                        "[REDACTED:PRIVATE_KEY]", 1),
                secret("private key: cut off before END, the text after it stays",
                        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
                                + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\nsorry, the rest did not fit",
                        "[REDACTED:PRIVATE_KEY]\nsorry, the rest did not fit", 1),
                // several kinds, and which one wins
                secret("mixed: card, password, API key and bearer token in one text",
                        "card 4111 1111 1111 1111, password: hunter2, key " + GITHUB_TOKEN
                                + ", header Bearer abcdef0123456789ABCDEF",
                        "card [REDACTED:CARD], password: [REDACTED:PASSWORD], key [REDACTED:API_KEY],"
                                + " header Bearer [REDACTED:BEARER]", 4),
                secret("mixed: the same card twice counts twice", "4111111111111111 and again 4111111111111111",
                        "[REDACTED:CARD] and again [REDACTED:CARD]", 2),
                secret("order: a prefixed API key given as a password is reported as an API key",
                        "password: " + OPENAI_PROJECT_KEY, "password: [REDACTED:API_KEY]", 1),
                secret("order: a card given as a password is reported as a card", "password: 4111111111111111",
                        "password: [REDACTED:CARD]", 1),
                secret("order: a JWT inside api_key= is reported once, as JWT", "api_key=" + JWT, "api_key=[REDACTED:JWT]", 1),
                secret("order: an existing marker is kept and not counted, a new secret is",
                        "password: [REDACTED:PASSWORD] and card 4111 1111 1111 1111",
                        "password: [REDACTED:PASSWORD] and card [REDACTED:CARD]", 1));
    }

    static Stream<Named<String>> nearMisses() {
        return Stream.of(
                // digit runs that are not cards
                Named.of("order number failing Luhn", "order 1234567890123 shipped"),
                Named.of("16 digits failing Luhn by one digit", "card 4111 1111 1111 1112"),
                Named.of("US phone number", "call +1 415 555 0132"),
                Named.of("UK phone number with 00 prefix", "call 0044 20 7946 0958"),
                Named.of("phone number with parentheses", "phone (415) 555-0132"),
                Named.of("long international phone number", "+44 20 7946 0958 1234 5678"),
                Named.of("two ISO dates", "from 2024-01-15 2024-01-16"),
                Named.of("ISO timestamp", "at 2024-01-15T10:30:00Z"),
                Named.of("date and time", "on 15/01/2024 at 10:30"),
                Named.of("hyphenated ISBN", "ISBN 978-3-16-148410-0"),
                Named.of("ISBN-13 that happens to pass Luhn", "ISBN 9781402894626"),
                Named.of("German IBAN in groups", "IBAN DE89 3704 0044 0532 0130 00"),
                Named.of("British IBAN in groups", "IBAN GB29 NWBK 6016 1331 9268 19"),
                Named.of("compact IBAN", "DE89370400440532013000"),
                Named.of("UPS tracking number", "UPS 1Z999AA10123456784"),
                Named.of("USPS tracking number passing Luhn", "tracking 9400 1000 0000 0000 002"),
                Named.of("SIM card ICCID passing Luhn", "SIM 8944 1234 5678 9012 348"),
                Named.of("UUID", "id 550e8400-e29b-41d4-a716-446655440000"),
                Named.of("git SHA", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8"),
                Named.of("prices", "$1,299.99, €1.234.567,89 and 1234567890123.45"),
                Named.of("version string", "v1.21.0-beta.2+build.20240115"),
                // words around passwords
                Named.of("password reset link", "please send me a password reset link"),
                Named.of("forgot my password", "I forgot my password"),
                Named.of("password is not working", "my password is not working"),
                Named.of("password was changed", "the password was changed yesterday"),
                Named.of("password was reset", "the password was reset yesterday"),
                Named.of("password rules", "Your password must be at least 12 characters"),
                Named.of("password manager", "I use a password manager 1Password"),
                Named.of("settings name, not an assignment", "Set PASSWORD_MIN_LENGTH to 12"),
                Named.of("pwd as the working directory", "PWD=/home/bob"),
                Named.of("port in a URL is no password", "https://example.com:8080/path"),
                // words around keys and tokens
                Named.of("the key to success", "the key to success is patience"),
                Named.of("sk-ill", "she is sk-ill-ed"),
                Named.of("sk- slug without mixed case", "see sk-learn-0-24-2-installation-guide"),
                Named.of("short token=", "token=abc"),
                Named.of("key=value", "key=value"),
                Named.of("placeholder API key", "api_key=your_api_key_here"),
                Named.of("short secret", "secret: changeme"),
                Named.of("AWS prefix alone", "AKIA is the prefix, AKIA123 is not a key"),
                Named.of("GitHub prefix, too short", "ghp_short"),
                Named.of("base64 of ordinary text", "SGVsbG8gd29ybGQsIGhvdyBhcmUgeW91IGRvaW5nIHRvZGF5Pw=="),
                Named.of("the bearer of bad news", "the bearer of bad news"),
                Named.of("Bearer token required", "Bearer token required"),
                Named.of("a JWT header alone", "eyJhbGciOiJIUzI1NiJ9 is just a header"),
                Named.of("public key block", "-----BEGIN PUBLIC KEY-----\n"
                        + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----"),
                Named.of("private key BEGIN line quoted in prose, END far away",
                        "the header reads -----BEGIN PRIVATE KEY----- and " + "the prose goes on. ".repeat(4000)
                                + "-----END PRIVATE KEY-----"),
                Named.of("certificate block", "-----BEGIN CERTIFICATE-----\n"
                        + "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----"),
                Named.of("already redacted text", "password: [REDACTED:PASSWORD], card [REDACTED:CARD]"),
                Named.of("empty text", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void replacesSecretsWithTheirKindAndCountsThem(String input, String expected, int count) {
        Redacted<String> redacted = redactor.redact(input);

        assertEquals(expected, redacted.value());
        assertEquals(count, redacted.count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactingRedactedTextChangesNothing(String input, String expected, int count) {
        Redacted<String> again = redactor.redact(redactor.redact(input).value());

        assertEquals(expected, again.value());
        assertEquals(0, again.count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void leavesNearMissesUnchanged(String input) {
        Redacted<String> redacted = redactor.redact(input);

        assertEquals(input, redacted.value());
        assertEquals(0, redacted.count());
    }

    @Test
    void countsEverySecretReplaced() {
        String text = "4111111111111111 5500000000000004 378282246310005 and pwd=abc123 and " + GITHUB_TOKEN;

        assertEquals(5, redactor.redact(text).count());
        assertEquals(0, redactor.redact("nothing secret here").count());
    }

    @Test
    void returnsNullAsItIs() {
        Redacted<String> redacted = redactor.redact(null);

        assertNull(redacted.value());
        assertEquals(0, redacted.count());
    }

    @Test
    void runsOnlyTheDetectorsItIsGiven() {
        Redactor cardsOnly = new Redactor(List.of(new CardDetector()));

        Redacted<String> redacted = cardsOnly.redact("card 4111 1111 1111 1111, password: hunter2");

        assertEquals("card [REDACTED:CARD], password: hunter2", redacted.value());
        assertEquals(1, redacted.count());
    }

    @Test
    void anEarlierDetectorWinsAnOverlap() {
        String text = "password: 4111111111111111";

        assertEquals("password: [REDACTED:PASSWORD]",
                new Redactor(List.of(new PasswordDetector(), new CardDetector())).redact(text).value());
        assertEquals("password: [REDACTED:CARD]",
                new Redactor(List.of(new CardDetector(), new PasswordDetector())).redact(text).value());
    }

    @Test
    void refusesAKindThatWouldNotReadBackAsAMarker() {
        Detector lowerCase = new Detector() {
            @Override
            public String kind() {
                return "card";
            }

            @Override
            public List<Span> find(String text) {
                return List.of();
            }
        };

        assertThrows(IllegalArgumentException.class, () -> new Redactor(List.of(lowerCase)));
    }

    private static Arguments secret(String name, String input, String expected, int count) {
        return Arguments.of(Named.of(name, input), expected, count);
    }
}
