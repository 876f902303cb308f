package io.parley.kernel.redaction;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Shared judgement of whether a value looks like a machine-made secret rather than a word or a number. */
final class SecretShape {

    /** Shortest value taken as a generated secret; below this, "token=abc" style values are too common. */
    static final int MIN_LENGTH = 16;

    /**
     * Shannon entropy, in bits per character, a generated value must reach. Random base62 of 16+ characters
     * sits near 3.8, random hex near 3.4-3.9; repetitive values ("aaaaaaaa11111111" ≈ 1.0) stay well below.
     */
    static final double MIN_BITS_PER_CHAR = 3.0;

    private SecretShape() {
    }

    /** At least {@link #MIN_LENGTH} characters, a letter AND a digit, and {@link #MIN_BITS_PER_CHAR} of entropy. */
    static boolean looksGenerated(CharSequence value) {
        if (value.length() < MIN_LENGTH) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            letter |= isAsciiLetter(c);
            digit |= isAsciiDigit(c);
        }
        return letter && digit && bitsPerChar(value) >= MIN_BITS_PER_CHAR;
    }

    static double bitsPerChar(CharSequence value) {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            counts.merge(value.charAt(i), 1, Integer::sum);
        }
        double length = value.length();
        double bits = 0;
        for (int count : counts.values()) {
            double p = count / length;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    /** A JSON field name reduced to lower-case letters and digits: "DB_Password", "dbPassword" → "dbpassword". */
    static String normalizedFieldName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isAsciiLetter(c) || isAsciiDigit(c)) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
