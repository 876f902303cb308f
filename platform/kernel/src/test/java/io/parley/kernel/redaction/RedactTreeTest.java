package io.parley.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactTreeTest {

    private final Redactor redactor = new Redactor();

    @Test
    void redactsEveryStringInNestedMapsAndListsAndSumsTheCounts() {
        Map<String, Object> tree = map(
                "note", "card 4111 1111 1111 1111",
                "items", list("pwd=abc123", 42, true, null,
                        map("deep", list("Authorization: Bearer abcdef0123456789ABCDEF", "plain"))));

        Redacted<Object> redacted = redactor.redactTree(tree);

        assertEquals(map(
                "note", "card [REDACTED:CARD]",
                "items", list("pwd=[REDACTED:PASSWORD]", 42, true, null,
                        map("deep", list("Authorization: Bearer [REDACTED:BEARER]", "plain")))), redacted.value());
        assertEquals(3, redacted.count());
    }

    @Test
    void redactsMapKeysAndCountsThem() {
        Redacted<Object> redacted = redactor.redactTree(map("4111 1111 1111 1111", "the card was the key"));

        assertEquals(map("[REDACTED:CARD]", "the card was the key"), redacted.value());
        assertEquals(1, redacted.count());
    }

    @Test
    void keepsKeysThatRedactAlikeApart() {
        Redacted<Object> redacted = redactor.redactTree(map("4111111111111111", 1, "5500000000000004", 2));

        assertEquals(map("[REDACTED:CARD]", 1, "[REDACTED:CARD]#2", 2), redacted.value());
        assertEquals(2, redacted.count());
    }

    @Test
    void keepsNumbersBooleansAndNullsAsTheyAre() {
        BigDecimal amount = new BigDecimal("4111111111111111");
        Map<String, Object> tree = map("amount", amount, "card_number", 4111111111111111L, "ok", false, "none", null);

        Redacted<Object> redacted = redactor.redactTree(tree);

        assertEquals(tree, redacted.value());
        assertSame(amount, ((Map<?, ?>) redacted.value()).get("amount"));
        assertEquals(0, redacted.count());
    }

    @Test
    void leavesTheInputUntouchedAndReturnsNewContainers() {
        List<Object> inner = list("password: hunter2", 7);
        Map<String, Object> tree = map("message", "my card is 4111 1111 1111 1111", "inner", inner);
        Map<String, Object> snapshot = map("message", "my card is 4111 1111 1111 1111",
                "inner", list("password: hunter2", 7));

        Redacted<Object> redacted = redactor.redactTree(tree);

        assertEquals(snapshot, tree);
        assertNotSame(tree, redacted.value());
        assertNotSame(inner, ((Map<?, ?>) redacted.value()).get("inner"));
        assertEquals(2, redacted.count());
    }

    @Test
    void returnsNewContainersEvenWhenNothingIsRedacted() {
        Map<String, Object> tree = map("a", list("b"));

        Redacted<Object> redacted = redactor.redactTree(tree);

        assertEquals(tree, redacted.value());
        assertNotSame(tree, redacted.value());
        assertEquals(0, redacted.count());
    }

    @Test
    void keepsTheOrderOfMapEntries() {
        Map<String, Object> tree = map("z", "1", "a", "pwd=abc123", "m", "3");

        Map<?, ?> redacted = (Map<?, ?>) redactor.redactTree(tree).value();

        assertEquals(List.of("z", "a", "m"), new ArrayList<>(redacted.keySet()));
    }

    @Test
    void acceptsMapsThatAllowNullKeys() {
        Map<String, Object> tree = new HashMap<>();
        tree.put(null, "password: hunter2");

        Redacted<Object> redacted = redactor.redactTree(tree);

        assertEquals(Map.of(), withoutNullKey(redacted.value()));
        assertEquals("password: [REDACTED:PASSWORD]", ((Map<?, ?>) redacted.value()).get(null));
    }

    @Test
    void redactsATreeThatIsJustAString() {
        Redacted<Object> redacted = redactor.redactTree("pwd=abc123");

        assertEquals("pwd=[REDACTED:PASSWORD]", redacted.value());
        assertEquals(1, redacted.count());
    }

    @Test
    void returnsANullTreeAsItIs() {
        Redacted<Object> redacted = redactor.redactTree(null);

        assertNull(redacted.value());
        assertEquals(0, redacted.count());
    }

    static Stream<Arguments> fieldsNamedForSecrets() {
        return Stream.of(
                field("password field: whole value", "password", "hunter2", "[REDACTED:PASSWORD]", 1),
                field("password field: snake_case name", "db_password", "correct horse", "[REDACTED:PASSWORD]", 1),
                field("password field: camelCase name", "newPassword", "Sommer2024", "[REDACTED:PASSWORD]", 1),
                field("password field: pass code", "passcode", "4821", "[REDACTED:PASSWORD]", 1),
                field("key field: generated value", "api_key", "Zx81Qw72Er63Ty54Ui45", "[REDACTED:API_KEY]", 1),
                field("key field: client secret", "clientSecret", "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                        "[REDACTED:API_KEY]", 1),
                field("key field: access token", "access_token", "c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA",
                        "[REDACTED:API_KEY]", 1),
                field("key field: prefixed key reported as API key", "key", "AKIAIOSFODNN7EXAMPLE",
                        "[REDACTED:API_KEY]", 1),
                field("key field: ordinary value stays", "sort_key", "created_at", "created_at", 0),
                field("key field: short token stays", "token", "abc", "abc", 0),
                field("password-ish name that is not a password stays", "password_reset", "requested", "requested", 0),
                field("empty password stays", "password", "", "", 0),
                field("already redacted password is not counted again", "password", "[REDACTED:PASSWORD]",
                        "[REDACTED:PASSWORD]", 0),
                field("other fields are redacted as text", "comment", "my pwd=abc123",
                        "my pwd=[REDACTED:PASSWORD]", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldsNamedForSecrets")
    void replacesTheWholeValueOfAFieldNamedForASecret(String name, String value, String expected, int count) {
        Redacted<Object> redacted = redactor.redactTree(map(name, value));

        assertEquals(map(name, expected), redacted.value());
        assertEquals(count, redacted.count());
    }

    @Test
    void keepsANonStringValueOfAPasswordField() {
        Redacted<Object> redacted = redactor.redactTree(map("password", 123456));

        assertEquals(map("password", 123456), redacted.value());
        assertEquals(0, redacted.count());
    }

    private static Arguments field(String caseName, String name, String value, String expected, int count) {
        return Arguments.of(Named.of(caseName, name), value, expected, count);
    }

    private static Map<?, ?> withoutNullKey(Object tree) {
        Map<Object, Object> copy = new HashMap<>((Map<?, ?>) tree);
        copy.remove(null);
        return copy;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... elements) {
        return new ArrayList<>(Arrays.asList(elements));
    }
}
