package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys, in two ways:
 * <ul>
 *   <li>by their published prefix, wherever they appear: OpenAI/Anthropic-style {@code sk-…} (incl.
 *       {@code sk-proj-}, {@code sk-ant-}; at least 20 characters after {@code sk-} mixing digits, lower- and
 *       upper-case letters, so "sk-ill", "task-force" or a slug never match), AWS access key ids {@code AKIA}/{@code ASIA} + 16 upper-case
 *       letters or digits, GitHub {@code ghp_ gho_ ghu_ ghs_ ghr_} + 36 and {@code github_pat_…}, Slack
 *       {@code xoxb- xoxa- xoxp- xoxr- xoxs-} (with a digit);</li>
 *   <li>by a label: the value after {@code key}, {@code api_key}, {@code apikey}, {@code api-key},
 *       {@code secret}, {@code token} (also as the last part of a name: {@code AWS_SECRET_ACCESS_KEY=},
 *       {@code client_secret:}, {@code accessToken=}) followed by {@code =}, {@code :} or {@code =>}, when the value looks
 *       generated ({@link SecretShape#looksGenerated}: 16+ characters, letters and digits, 3 bits/char).</li>
 * </ul>
 */
public final class ApiKeyDetector implements Detector {

    private static final Pattern KNOWN = Pattern.compile(
            "(?=[sAgx])(?<![A-Za-z0-9_-])(?:"
                    + "(?<openai>sk-[A-Za-z0-9_-]{20,}+)"
                    + "|(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"
                    + "|gh[pousr]_[A-Za-z0-9]{36,}+"
                    + "|github_pat_[A-Za-z0-9_]{22,}+"
                    + "|(?<slack>xox[abprs]-[A-Za-z0-9-]{10,}+))");

    private static final Pattern LABELLED = Pattern.compile(
            "(?=[AaKkSsTt])(?:(?<![A-Za-z0-9])(?i:api[_-]?key|key|secret|token)|(?<=[a-z0-9])(?:Key|Secret|Token))(?![A-Za-z0-9])"
                    + "[\"']?[ \\t]{0,16}+(?:=>|[:=])[ \\t]{0,16}+[\"']?"
                    + "(?<value>[A-Za-z0-9+/=_.~-]++)");

    private static final String[] SECRET_FIELD_SUFFIXES = {"key", "secret", "token"};

    @Override
    public String kind() {
        return "API_KEY";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        Matcher known = KNOWN.matcher(text);
        while (known.find()) {
            String token = known.group();
            boolean plausible = known.group("openai") != null ? isMixedAlphanumeric(token)
                    : known.group("slack") == null || token.chars().anyMatch(c -> c >= '0' && c <= '9');
            if (plausible) {
                found.add(new Span(known.start(), known.end()));
            }
        }
        Matcher labelled = LABELLED.matcher(text);
        while (labelled.find()) {
            int start = labelled.start("value");
            int end = labelled.end("value");
            while (end > start && text.charAt(end - 1) == '.') {
                end--; // the full stop of the sentence
            }
            // A rejected value is passed over whole: a label inside it would re-scan it (quadratic on "key=key=…").
            if (SecretShape.looksGenerated(text.subSequence(start, end))) {
                found.add(new Span(start, end));
            }
        }
        return found;
    }

    @Override
    public boolean holdsSecret(String fieldName, String value) {
        String name = SecretShape.normalizedFieldName(fieldName);
        for (String suffix : SECRET_FIELD_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return SecretShape.looksGenerated(value.strip());
            }
        }
        return false;
    }

    /** Digits, lower- and upper-case letters: true of generated keys, false of slugs like "sk-learn-0-24-notes". */
    private static boolean isMixedAlphanumeric(String token) {
        return token.chars().anyMatch(c -> c >= '0' && c <= '9')
                && token.chars().anyMatch(c -> c >= 'a' && c <= 'z')
                && token.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
    }
}
