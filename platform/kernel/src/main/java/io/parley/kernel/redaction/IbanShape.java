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

    private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}+");
    private static final int SHORTEST = 15;

    private IbanShape() {
    }

    /** Ranges [start, end) of the valid IBANs in text, in order. */
    static List<int[]> find(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            // The candidate may have run on into following capitals ("… 0130 00 THANKS"): shorten until valid.
            for (int end = candidate.end(); end > candidate.start(); end--) {
                if (text.charAt(end - 1) != ' ' && isValid(text.substring(candidate.start(), end))) {
                    found.add(new int[] {candidate.start(), end});
                    break;
                }
            }
        }
        return found;
    }

    static boolean isValid(String iban) {
        String compact = iban.replace(" ", "");
        if (compact.length() < SHORTEST) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            // letters count as two digits (A = 10 … Z = 35)
            remainder = SecretShape.isAsciiDigit(c)
                    ? (remainder * 10 + (c - '0')) % 97
                    : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }
}
