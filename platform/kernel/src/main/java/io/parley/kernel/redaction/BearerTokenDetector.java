package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Bearer <token>} (any case, as in an Authorization header): the token is replaced, the word "Bearer"
 * stays. The token must look generated ({@link SecretShape#looksGenerated}), so "the bearer of bad news" and
 * "Bearer token required" stay as they are.
 */
public final class BearerTokenDetector implements Detector {

    // RFC 6750 b64token characters, then optional '=' padding.
    private static final Pattern BEARER = Pattern.compile(
            "(?=[Bb])(?<![A-Za-z0-9])(?i:bearer)[ \\t]{1,16}+(?<token>[A-Za-z0-9._~+/-]++=*+)");

    @Override
    public String kind() {
        return "BEARER";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        Matcher bearer = BEARER.matcher(text);
        int from = 0;
        while (from < text.length() && bearer.find(from)) {
            int start = bearer.start("token");
            int end = bearer.end("token");
            while (end > start && text.charAt(end - 1) == '.') {
                end--; // the full stop of the sentence, not part of the token
            }
            if (SecretShape.looksGenerated(text.subSequence(start, end))) {
                found.add(new Span(start, end));
                from = bearer.end();
            } else {
                from = start; // the rejected word may itself be "Bearer" followed by a real token
            }
        }
        return found;
    }
}
