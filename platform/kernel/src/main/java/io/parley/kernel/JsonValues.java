package io.parley.kernel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of JSON request members declared {@code Object}: a JSON reader binding straight to
 * {@code String} or {@code Long} would turn {@code 42} into {@code "42"}, {@code ["X"]} into {@code "X"},
 * {@code "1"} into {@code 1} and {@code 2.7} into {@code 2} on its own, and docs/api.md makes a value of the
 * wrong type a 400. Every method answers null for an absent (or JSON null) member; range and enum rules
 * stay with the commands (422).
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** A JSON string. */
    public static String text(String field, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(field, "a string");
    }

    /** A JSON number (whether it must be whole or in range is the command's rule). */
    public static Number number(String field, Object value) {
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        throw wrongType(field, "a number");
    }

    /** A JSON number without a fraction that fits a long ({@code 3} or {@code 3.0}, never {@code 2.7} or {@code "3"}). */
    public static Long integer(String field, Object value) {
        Number number = number(field, value);
        if (number == null) {
            return null;
        }
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        try {
            BigDecimal decimal = number instanceof BigDecimal big ? big : number instanceof BigInteger big
                    ? new BigDecimal(big) : new BigDecimal(number.toString());
            return decimal.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrongType(field, "an integer");
        }
    }

    /** A JSON array of strings. */
    public static List<String> texts(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.stream().allMatch(element -> element == null || element instanceof String)) {
            @SuppressWarnings("unchecked")
            List<String> texts = (List<String>) list;
            return texts;
        }
        throw wrongType(field, "an array of strings");
    }

    /** A JSON object. */
    public static Map<String, Object> object(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw wrongType(field, "an object");
    }

    private static MalformedRequestException wrongType(String field, String expected) {
        return new MalformedRequestException(field, "must be " + expected);
    }
}
