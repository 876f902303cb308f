package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords given in a phrase; the label stays, the value is replaced. Labels (any case, also as the end of a
 * name such as {@code DB_PASSWORD} or {@code userPassword}): password, passwd, passphrase, passcode,
 * pass code, pwd (plural too). Three ways of giving the value, from most to least explicit:
 * <ul>
 *   <li>assigned: {@code password: x}, {@code password=x}, {@code "password": "x"}, {@code 'password' => 'x'}
 *       — any value is taken
 *       (in a {@code =} assignment it ends where a next {@code &name=} or {@code ;name=} begins, as in a
 *       query or connection string);</li>
 *   <li>spoken: {@code my password is x}, {@code the passcode was: x} — unless x is an ordinary word of a
 *       sentence about the password ("is not working", "is expired", "is too short");</li>
 *   <li>bare: {@code passwd x}, {@code pass code 4821} — only when x looks like a password (6+ characters with
 *       letters and a digit or symbol, or 4+ digits after a pass code), so "password reset link" stays.</li>
 * </ul>
 * Also the password of credentials in a URL ({@code postgres://app:x@db/…}). A quoted value is taken up to its
 * closing quote (it may contain spaces); an unquoted one is one word, minus trailing sentence punctuation.
 */
public final class PasswordDetector implements Detector {

    /**
     * A word value is matched up to this length and extended by hand once accepted: a rejected attempt then
     * costs a bounded scan, so "password=&password=&…" stays linear.
     */
    private static final int LONGEST_SCANNED_WORD = 128;

    private static final Pattern PHRASE = Pattern.compile(
            "(?=[Pp])(?<label>(?<![A-Za-z0-9])(?i:pass(?:word|wd|phrase|code|[ _-]code)|pwd)"
                    + "|(?<=[a-z0-9])(?:Password|Passwd|Passphrase|Passcode|Pwd))(?i:s?)(?![A-Za-z0-9])"
                    + "(?:(?<assign>[\"'*]{0,2}+[ \\t]{0,16}+(?:=>|[:=])\\*{0,2}+[ \\t]{0,16}+)"
                    + "|(?<spoken>[ \\t]{1,16}+(?i:is|was)(?:[ \\t]{0,16}+:)?[ \\t]{1,16}+)"
                    + "|(?<bare>[ \\t]{1,16}+))"
                    + "(?:\"(?<dq>(?:[^\"\\\\\\r\\n]|\\\\.){1,256}+)\"|'(?<sq>[^'\\r\\n]{1,256}+)'|(?<word>\\S{1," + LONGEST_SCANNED_WORD + "}+))");

    private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^\\s/:@?#]*+:(?<password>[^\\s/@?#]++)@");

    private static final int LONGEST_PARAMETER_NAME = 64;
    // "User Id=" (a space in the name) is how ADO.NET connection strings spell it.
    private static final Pattern NEXT_PARAMETER = Pattern.compile(
            "[&;][A-Za-z_][A-Za-z0-9_. -]{0," + (LONGEST_PARAMETER_NAME - 1) + "}+=");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}>\"'";
    private static final String PASSWORD_SYMBOLS = "!@#$%^&*_+=~?|<>/\\";
    private static final int SHORTEST_SPOKEN = 3;
    private static final int SHORTEST_BARE = 6;
    private static final int SHORTEST_BARE_PASS_CODE = 4;

    /** Words that follow "password is" in sentences ABOUT a password rather than giving one. */
    private static final Set<String> SENTENCE_WORDS = Set.of(
            "a", "an", "the", "not", "no", "never", "wrong", "incorrect", "invalid", "correct", "right", "too",
            "very", "so", "still", "now", "also", "just", "only", "same", "different", "weak", "strong", "required",
            "missing", "empty", "blank", "case", "ok", "okay", "fine", "good", "bad", "safe", "secure", "unsafe",
            "insecure", "long", "short", "in", "on", "at", "for", "of", "to", "that", "this", "it", "what", "my",
            "your", "his", "her", "their", "our", "which", "why", "how", "where", "when", "there", "here", "set",
            "sent", "lost", "new", "old", "mine", "yours", "please", "something", "nothing", "anything", "all",
            "none", "both", "either", "like", "as", "about", "less", "more", "easy", "hard", "simple", "unknown",
            "visible", "hidden", "stolen", "leaked", "forgotten", "being", "been", "definitely", "probably",
            "really", "always", "case-sensitive", "sensitive", "and", "or", "but", "because", "since", "until", "reset",
            "gone", "exactly", "already", "currently", "actually", "somewhere", "written");

    @Override
    public String kind() {
        return "PASSWORD";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        findInPhrases(text, found);
        Matcher url = URL_CREDENTIALS.matcher(text);
        while (url.find()) {
            found.add(new Span(url.start("password"), url.end("password")));
        }
        return found;
    }

    @Override
    public boolean holdsSecret(String fieldName, String value) {
        String name = SecretShape.normalizedFieldName(fieldName);
        return name.endsWith("password") || name.endsWith("passwd") || name.endsWith("passphrase")
                || name.endsWith("passcode") || name.endsWith("pwd");
    }

    private static void findInPhrases(String text, List<Span> found) {
        Matcher phrase = PHRASE.matcher(text);
        int from = 0;
        while (from < text.length() && phrase.find(from)) {
            String valueGroup = phrase.start("dq") >= 0 ? "dq" : phrase.start("sq") >= 0 ? "sq" : "word";
            int start = phrase.start(valueGroup);
            int end = phrase.end(valueGroup);
            boolean quoted = !valueGroup.equals("word");
            if (!quoted) {
                boolean assigned = phrase.start("assign") >= 0 && phrase.group("assign").contains("=");
                if (assigned) {
                    end = cutAtParameterEnd(text, start, end);
                }
                if (end - start == LONGEST_SCANNED_WORD) {
                    // Only a value still whole after the bounded scan is extended: it is then taken, and the
                    // scan goes on after it, so no character is extended over twice.
                    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                        end++;
                    }
                    if (assigned) {
                        end = cutAtParameterEnd(text, start, end);
                    }
                }
                while (start < end && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
                    start++;
                }
                while (end > start && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
            }
            String value = text.substring(start, end);
            if (!value.isEmpty() && isGiven(phrase, value, quoted)) {
                found.add(new Span(start, end));
                from = Math.max(end, phrase.end());
            } else {
                // The rejected word may be a label itself: "password password1" gives password1.
                from = phrase.start(valueGroup);
            }
        }
    }

    /** Where the next {@code &name=} or {@code ;name=} begins (a query or connection string), else {@code end}. */
    private static int cutAtParameterEnd(String text, int start, int end) {
        int lookAhead = Math.min(text.length(), end + LONGEST_PARAMETER_NAME + 2);
        Matcher next = NEXT_PARAMETER.matcher(text).region(start, lookAhead);
        return next.find() && next.start() < end ? next.start() : end;
    }

    private static boolean isGiven(Matcher phrase, String value, boolean quoted) {
        String label = phrase.group("label").toLowerCase(Locale.ROOT);
        if (label.equals("pwd") && (value.startsWith("/") || value.startsWith("~"))) {
            return false; // PWD=/home/bob is the shell's working directory
        }
        if (phrase.start("assign") >= 0 || quoted) {
            return true;
        }
        if (phrase.start("spoken") >= 0) {
            return isSpokenPassword(value);
        }
        boolean passCode = label.endsWith("code");
        return looksLikeAPassword(value) || (passCode && value.length() >= SHORTEST_BARE_PASS_CODE && isDigits(value));
    }

    private static boolean isSpokenPassword(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.length() < SHORTEST_SPOKEN || SENTENCE_WORDS.contains(lower)) {
            return false;
        }
        // "is expired", "was changed", "is working", "is usually …": a participle or adverb, not a password.
        boolean lowerCaseWord = lower.equals(value) && lower.chars().allMatch(c -> c >= 'a' && c <= 'z');
        return !(lowerCaseWord && (lower.endsWith("ed") || lower.endsWith("ing") || lower.endsWith("ly")));
    }

    private static boolean looksLikeAPassword(String value) {
        if (value.length() < SHORTEST_BARE) {
            return false;
        }
        boolean letter = false;
        boolean digitOrSymbol = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            digitOrSymbol |= Character.isDigit(c) || PASSWORD_SYMBOLS.indexOf(c) >= 0;
        }
        return letter && digitOrSymbol;
    }

    private static boolean isDigits(String value) {
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
