package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bare JSON Web Tokens: three base64url segments joined by dots, the header starting {@code eyJ} (base64 of
 * <code>{"</code>). The signature may be empty ({@code alg: none}); its claims are still personal data.
 */
public final class JwtDetector implements Detector {

    // The look-behind keeps a failed attempt from restarting inside a segment; possessive runs never re-scan.
    private static final Pattern JWT = Pattern.compile(
            "(?=eyJ)(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{7,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+");

    @Override
    public String kind() {
        return "JWT";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        Matcher jwt = JWT.matcher(text);
        while (jwt.find()) {
            found.add(new Span(jwt.start(), jwt.end()));
        }
        return found;
    }
}
