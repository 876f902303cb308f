package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IBANs (ISO 13616: country, two check digits, up to 30 letters/digits, optionally in groups of four)
 * that pass the mod-97 check. They are account identifiers customers share on purpose (for a refund), not
 * secrets, so the card detector must not mistake their digit groups for a card number.
 */
final class IbanShape {

    private static final Pattern CANDIDATE =
            Pattern.compile("(?=[A-Z])(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}+");
    private static final int SHORTEST = 15;

    private IbanShape() {
    }

    /** Ranges [start, end) of the valid IBANs in text, in order. */
    static List<int[]> find(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            // The candidate may have run on into following capitals ("… 0130 00 THANKS"): keep its longest valid prefix.
            int end = longestValidEnd(text, candidate.start(), candidate.end());
            if (end > 0) {
                found.add(new int[] {candidate.start(), end});
            }
        }
        return found;
    }

    static boolean isValid(String iban) {
        return longestValidEnd(iban, 0, iban.length()) == iban.length();
    }

    /**
     * The mod-97 check reads the account part first and the country and check digits last, so the remainder of
     * every prefix can be carried along: one pass finds the longest prefix that checks out, or -1.
     */
    private static int longestValidEnd(String text, int start, int end) {
        int head = 0;
        int headDigits = 0;
        for (int i = start; i < start + 4; i++) {
            head = append(head, text.charAt(i));
            headDigits += SecretShape.isAsciiDigit(text.charAt(i)) ? 1 : 2;
        }
        int headShift = 1;
        for (int i = 0; i < headDigits; i++) {
            headShift = headShift * 10 % 97;
        }
        int account = 0;
        int length = 4;
        int longest = -1;
        for (int i = start + 4; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                continue;
            }
            account = append(account, c);
            length++;
            if (length >= SHORTEST && (account * headShift + head) % 97 == 1) {
                longest = i + 1;
            }
        }
        return longest;
    }

    /** The remainder after appending c, letters counting as two digits (A = 10 … Z = 35). */
    private static int append(int remainder, char c) {
        return SecretShape.isAsciiDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
    }
}
