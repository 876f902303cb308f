package io.parley.kernel.redaction;

import io.parley.kernel.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets (private keys, JWTs, API keys, bearer tokens, payment cards, passwords) with
 * {@code [REDACTED:<KIND>]} before anything is stored or logged.
 *
 * <p>Every detector runs on the original text; their findings are then taken in detector order (the most
 * specific kind first) and a finding overlapping one already taken is dropped, so a JWT after "Bearer" or
 * "token=" is reported once, as JWT. Markers already in the text are taken first and never counted, so
 * redacting redacted text changes nothing and counts 0.
 *
 * <p>Length: there is no cap and no chunking. A cap would let a secret placed after it through, and chunks
 * would cut secrets at their seams; instead every detector is linear in the text (possessive or bounded
 * quantifiers behind look-behinds, hand-written scanning for cards), so a 1 MiB hostile string costs a few
 * passes over 1 MiB. Callers bound their inputs anyway (message content, metadata size).
 *
 * <p>Immutable and thread-safe: one instance can serve the whole application.
 */
public final class Redactor {

    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:[A-Z_]{1,32}]");
    private static final Pattern KIND = Pattern.compile("[A-Z_]{1,32}");

    private static final Redactor STANDARD = new Redactor();

    private final List<Detector> detectors;

    /**
     * The application's redactor with the default detectors: every module redacts through this one
     * instance, so a detector added to {@link #defaultDetectors()} protects every store at once.
     */
    public static Redactor standard() {
        return STANDARD;
    }

    /** The default detectors, in {@link #defaultDetectors()} order. */
    public Redactor() {
        this(defaultDetectors());
    }

    /** A redactor running {@code detectors} in the given order: on overlap the earlier one wins. */
    public Redactor(List<? extends Detector> detectors) {
        for (Detector detector : detectors) {
            if (!KIND.matcher(detector.kind()).matches()) {
                throw new IllegalArgumentException("a detector kind is 1-32 of A-Z and _, got: " + detector.kind());
            }
        }
        this.detectors = List.copyOf(detectors);
    }

    /**
     * Most specific first: a PEM block contains base64 that could look like anything; a JWT is more specific
     * than an API key label or "Bearer"; prefixed API keys before bearer tokens; cards (Luhn-checked) before
     * passwords, whose values are only known by their label.
     */
    public static List<Detector> defaultDetectors() {
        return List.of(new PrivateKeyDetector(), new JwtDetector(), new ApiKeyDetector(), new BearerTokenDetector(),
                new CardDetector(), new PasswordDetector());
    }

    /** Redacts one text; {@code null} is returned as it is, with count 0. */
    public Redacted<String> redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redacted<>(text, 0);
        }
        Claims claims = new Claims();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            claims.take(marker.start(), marker.end(), null);
        }
        for (Detector detector : detectors) {
            String replacement = markerOf(detector);
            for (Span span : detector.find(text)) {
                if (span.end() <= text.length()) {
                    claims.take(span.start(), span.end(), replacement);
                }
            }
        }
        return claims.applyTo(text);
    }

    /**
     * Redacts, then cuts to {@code maxCodePoints} with {@link Text#fit}: the one way a text is stored that
     * must fit a limit although a marker may have made it longer (a chat reply, a ticket reason, a span's
     * name). Redacting first means no secret can escape detection by being cut in half; {@code null} stays null.
     */
    public Redacted<String> redactToFit(String text, int maxCodePoints) {
        Redacted<String> redacted = redact(text);
        return redacted.value() == null ? redacted : new Redacted<>(Text.fit(redacted.value(), maxCodePoints), redacted.count());
    }

    /**
     * Redacts every string inside a JSON tree (maps, lists, strings, numbers, booleans, null), keys included,
     * returning a new tree (maps keep their order); the input is not modified. A string field whose NAME says
     * it holds a secret ({@code "password"}, {@code "api_key"} with a generated-looking value, see
     * {@link Detector#holdsSecret}) is replaced whole. Numbers, booleans, null and any other object are kept as
     * they are. Two keys that redact to the same text are kept apart by a suffix ({@code "[REDACTED:CARD]#2"}).
     */
    public Redacted<Object> redactTree(Object tree) {
        Counter counter = new Counter();
        Object copy = copy(tree, counter);
        return new Redacted<>(copy, counter.count);
    }

    private Object copy(Object node, Counter counter) {
        if (node instanceof String text) {
            return counter.add(redact(text));
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getKey() instanceof String name && entry.getValue() instanceof String text
                        ? redactField(name, text, counter)
                        : copy(entry.getValue(), counter);
                Object key = copy(entry.getKey(), counter);
                copy.put(unusedKey(copy, key), value);
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element, counter));
            }
            return copy;
        }
        return node;
    }

    private String redactField(String name, String value, Counter counter) {
        boolean alreadyRedacted = MARKER.matcher(value.strip()).matches();
        if (!value.isBlank() && !alreadyRedacted) {
            for (Detector detector : detectors) {
                if (detector.holdsSecret(name, value)) {
                    counter.count++;
                    return markerOf(detector);
                }
            }
        }
        return counter.add(redact(value));
    }

    private static Object unusedKey(Map<Object, Object> map, Object key) {
        if (!map.containsKey(key) || !(key instanceof String text)) {
            return key;
        }
        int suffix = 2;
        while (map.containsKey(text + "#" + suffix)) {
            suffix++;
        }
        return text + "#" + suffix;
    }

    private static String markerOf(Detector detector) {
        return "[REDACTED:" + detector.kind() + "]";
    }

    private static final class Counter {
        private int count;

        String add(Redacted<String> redacted) {
            count += redacted.count();
            return redacted.value();
        }
    }

    /** Non-overlapping spans of the text, each with its replacement (null: an existing marker, kept as is). */
    private static final class Claims {
        private final TreeMap<Integer, Claim> byStart = new TreeMap<>();

        void take(int start, int end, String replacement) {
            Map.Entry<Integer, Claim> before = byStart.floorEntry(start);
            if (before != null && before.getValue().end() > start) {
                return;
            }
            Map.Entry<Integer, Claim> after = byStart.ceilingEntry(start);
            if (after != null && after.getKey() < end) {
                return;
            }
            byStart.put(start, new Claim(end, replacement));
        }

        Redacted<String> applyTo(String text) {
            StringBuilder out = new StringBuilder(text.length());
            int count = 0;
            int copied = 0;
            for (Map.Entry<Integer, Claim> entry : byStart.entrySet()) {
                Claim claim = entry.getValue();
                if (claim.replacement() == null) {
                    continue;
                }
                out.append(text, copied, entry.getKey()).append(claim.replacement());
                copied = claim.end();
                count++;
            }
            if (count == 0) {
                return new Redacted<>(text, 0);
            }
            out.append(text, copied, text.length());
            return new Redacted<>(out.toString(), count);
        }

        private record Claim(int end, String replacement) {
        }
    }
}
