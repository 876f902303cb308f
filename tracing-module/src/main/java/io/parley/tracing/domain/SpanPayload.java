package io.parley.tracing.domain;

import io.parley.kernel.Text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a span's free-form payload: a JSON object of at most 64 KiB <em>as stored</em>.
 *
 * <p>"As stored" is PostgreSQL's text form of the {@code jsonb} value, which is what the table's
 * CHECK constraint measures: it puts a space after every {@code :} and {@code ,} and prints numbers
 * in plain notation ({@code 1e3} becomes {@code 1000}). Measuring the same form here means a payload
 * the API accepts never trips the constraint, and a tiny exponent such as {@code 1e100000} cannot
 * expand into a huge number after it was accepted.
 *
 * <p>{@link #normalize} also turns every number into a {@link BigDecimal} (so what is measured is
 * exactly what is written) and rejects what PostgreSQL cannot store in {@code jsonb}: NUL characters
 * and lone surrogates in strings or keys, and non-finite numbers.
 */
public final class SpanPayload {

    public static final int MAX_STORED_BYTES = 64 * 1024;
    /** A bound on one number's plain form, far below numeric's limits and far above any real payload's. */
    public static final int MAX_NUMBER_DIGITS = 1000;

    private SpanPayload() {
    }

    /** A payload that breaks a rule; the message is safe to show the client (it never quotes the payload). */
    public static final class InvalidPayloadException extends RuntimeException {
        public InvalidPayloadException(String message) {
            super(message, null, false, false);
        }
    }

    /** A normalized payload and the size of its stored text form. */
    public record Normalized(Map<String, Object> tree, long storedBytes) {
    }

    /**
     * Checks a parsed JSON value (maps, lists, strings, numbers, booleans, null) and returns a copy with
     * every number as a BigDecimal.
     *
     * @throws InvalidPayloadException when it is not an object, holds text PostgreSQL cannot store, or is too large
     */
    public static Normalized normalize(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidPayloadException("must be a JSON object");
        }
        Meter meter = new Meter();
        Map<String, Object> tree = object(map, meter);
        return new Normalized(tree, meter.bytes);
    }

    private static final class Meter {
        long bytes;

        void add(long more) {
            bytes += more;
            if (bytes > MAX_STORED_BYTES) {
                throw new InvalidPayloadException("must be at most " + MAX_STORED_BYTES + " bytes as stored JSON");
            }
        }
    }

    private static Object value(Object value, Meter meter) {
        if (value == null) {
            meter.add(4);
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, meter);
        }
        if (value instanceof List<?> list) {
            return array(list, meter);
        }
        if (value instanceof CharSequence text) {
            meter.add(stringBytes(text.toString()));
            return text.toString();
        }
        if (value instanceof Boolean bool) {
            meter.add(bool ? 4 : 5);
            return bool;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            meter.add(decimal.toPlainString().length());
            return decimal;
        }
        throw new InvalidPayloadException("holds a value that is not JSON");
    }

    private static Map<String, Object> object(Map<?, ?> map, Meter meter) {
        meter.add(2 + Math.max(0, 2L * (map.size() - 1)));
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidPayloadException("holds a key that is not a string");
            }
            meter.add(stringBytes(key) + 2);
            copy.put(key, value(entry.getValue(), meter));
        }
        return copy;
    }

    private static List<Object> array(List<?> list, Meter meter) {
        meter.add(2 + Math.max(0, 2L * (list.size() - 1)));
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
            copy.add(value(element, meter));
        }
        return copy;
    }

    private static BigDecimal decimal(Number number) {
        BigDecimal decimal;
        if (number instanceof BigDecimal big) {
            decimal = big;
        } else if (number instanceof BigInteger big) {
            decimal = new BigDecimal(big);
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidPayloadException("holds a number out of range");
            }
            decimal = BigDecimal.valueOf(d);
        } else {
            decimal = BigDecimal.valueOf(number.longValue());
        }
        // bound the plain form BEFORE building it: 1e999999999 is 11 characters of JSON
        long integerDigits = Math.max(1L, (long) decimal.precision() - decimal.scale());
        long fractionDigits = Math.max(0L, decimal.scale());
        if (integerDigits + fractionDigits > MAX_NUMBER_DIGITS) {
            throw new InvalidPayloadException("holds a number with more than " + MAX_NUMBER_DIGITS + " digits");
        }
        return decimal;
    }

    /** Bytes of the string in PostgreSQL's JSON text output: quotes, escapes, UTF-8. */
    static long stringBytes(String text) {
        if (!Text.isCleanUnicode(text)) {
            throw new InvalidPayloadException("holds text with NUL characters or invalid Unicode");
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '\\', '\b', '\f', '\n', '\r', '\t' -> bytes += 2;
                default -> {
                    if (c < 0x20) {
                        bytes += 6;
                    } else if (c < 0x80) {
                        bytes += 1;
                    } else if (c < 0x800) {
                        bytes += 2;
                    } else if (Character.isHighSurrogate(c)) {
                        bytes += 4;
                        i++;
                    } else {
                        bytes += 3;
                    }
                }
            }
        }
        return bytes;
    }
}
