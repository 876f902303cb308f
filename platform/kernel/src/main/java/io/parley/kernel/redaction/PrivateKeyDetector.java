package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM private keys: {@code -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP ]PRIVATE KEY[ BLOCK]-----} up to
 * the next END line, the whole block. Public keys and certificates are not secrets and are left alone.
 *
 * <p>The block is taken whole only when everything between BEGIN and END could be key material (base64,
 * whitespace, and the punctuation of header lines such as {@code Proc-Type: 4,ENCRYPTED}) and END is at most
 * 64 KiB away. Otherwise, and when there is no END at all (a key cut off by a length limit, or pasted in
 * halves), only the BEGIN line and the key-material tokens right after it are taken, so unrelated text after
 * a broken block survives.
 */
public final class PrivateKeyDetector implements Detector {

    private static final String TYPES = "(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----";
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN " + TYPES);
    private static final Pattern END = Pattern.compile("-----END " + TYPES);
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z-]{0,31}:");
    private static final int NONE = Integer.MAX_VALUE;
    private static final int SHORTEST_BASE64_LINE = 16;
    private static final int MAX_HEADER_VALUE_WORDS = 3;
    /** An 8192-bit RSA key is about 6 KiB of PEM, a PGP key with subkeys some 20 KiB: an END further away is another block's. */
    private static final int LONGEST_BODY = 64 * 1024;

    @Override
    public String kind() {
        return "PRIVATE_KEY";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        Scan scan = new Scan(text);
        Matcher begin = BEGIN.matcher(text);
        int from = 0;
        while (from < text.length() && begin.find(from)) {
            int bodyStart = begin.end();
            int end = scan.blockEnd(bodyStart);
            if (end == NONE) {
                end = keyMaterialEnd(text, bodyStart);
            }
            if (end > bodyStart) {
                found.add(new Span(begin.start(), end));
            }
            from = end; // a BEGIN line with no key after it ("the header reads -----BEGIN …") is not a secret
        }
        return found;
    }

    /** Remembers the next END line and the next character that cannot be in a key body, so each is searched once. */
    private static final class Scan {
        private final String text;
        private final Matcher end;
        private int endStart = -1;
        private int endEnd = -1;
        private int foreign = -1;

        Scan(String text) {
            this.text = text;
            this.end = END.matcher(text);
        }

        /** End of the whole block starting its body at {@code bodyStart}, or NONE when it is not a clean block. */
        int blockEnd(int bodyStart) {
            if (endStart != NONE && endStart < bodyStart) {
                if (end.find(bodyStart)) {
                    endStart = end.start();
                    endEnd = end.end();
                } else {
                    endStart = NONE;
                }
            }
            if (endStart == NONE) {
                return NONE;
            }
            if (foreign != NONE && foreign < bodyStart) {
                foreign = nextForeign(bodyStart);
            }
            boolean clean = foreign >= endStart && endStart - bodyStart <= LONGEST_BODY;
            return clean ? endEnd : NONE;
        }

        private int nextForeign(int from) {
            for (int i = from; i < text.length(); i++) {
                if (!mayBeInBody(text.charAt(i))) {
                    return i;
                }
            }
            return NONE;
        }
    }

    private static boolean mayBeInBody(char c) {
        return SecretShape.isAsciiLetter(c) || SecretShape.isAsciiDigit(c) || Character.isWhitespace(c)
                || "+/=:,.-()".indexOf(c) >= 0;
    }

    /**
     * End of the BEGIN line plus the header lines ({@code Proc-Type: 4,ENCRYPTED}, at most a few words each, as
     * newlines may have been flattened to spaces) and the base64 lines that directly follow it.
     */
    private static int keyMaterialEnd(String text, int from) {
        int end = from;
        int i = from;
        int headerWordsLeft = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                if (text.charAt(i) == '\n') {
                    headerWordsLeft = 0;
                }
                i++;
            }
            int tokenStart = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (tokenStart == i) {
                return end;
            }
            String token = text.substring(tokenStart, i);
            if (headerWordsLeft > 0) {
                headerWordsLeft--;
            } else if (HEADER_NAME.matcher(token).matches()) {
                headerWordsLeft = MAX_HEADER_VALUE_WORDS;
            } else if (!isBase64Line(token)) {
                return end;
            }
            end = i;
        }
    }

    private static boolean isBase64Line(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(SecretShape.isAsciiLetter(c) || SecretShape.isAsciiDigit(c) || c == '+' || c == '/' || c == '=')) {
                return false;
            }
        }
        return token.length() >= SHORTEST_BASE64_LINE || token.endsWith("=");
    }
}
