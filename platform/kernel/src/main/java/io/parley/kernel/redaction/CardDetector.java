package io.parley.kernel.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Payment card numbers: 13–19 digits that pass the Luhn check, written as one run or in groups separated by a
 * single space or dash. A hand-written scanner (one pass, no regex) so hostile digit soup stays linear.
 *
 * <p>A "run" is digit groups joined by single spaces or dashes. To keep order numbers, phone numbers, dates,
 * ISBNs, tracking numbers and account ids intact:
 * <ul>
 *   <li>a run after {@code +} is a phone number; a run inside a valid IBAN is an account; a run joined without
 *       a space to a word ({@code INV-4111…}, {@code 1Z999AA1…}, {@code v1.4111…}, {@code ….50}) is part of that
 *       identifier or amount, except that when only its first or last group touches the word and a space parts
 *       that group from the rest ({@code item2 4111 1111 1111 1111}), just that group is left out;</li>
 *   <li>grouped numbers must be laid out like cards: a first group of 4, middle groups of 4–6, a last group of
 *       1–6 (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3 …), so dates (2024-01-15) and phone groups never line up;</li>
 *   <li>the issuer digit must be one card networks use: not 0, not 9 (national use: ISBN/EAN 978/979, USPS
 *       tracking 92–95) except Troy's 9792 with 16 digits, and not 89 (SIM card ICCIDs: Luhn-valid, not
 *       payment);</li>
 *   <li>a run is read from its start: the longest valid card there (so a card followed by its CVV or expiry,
 *       or two cards in a row, are found), then on from where it ended. A leading group no card can start
 *       with (not 4 digits, not 13–19) is passed over ({@code qty 2 4111 …}); at a group that could start a
 *       card but does not, the run is done, so a card is never fished out of the middle of a long number.</li>
 * </ul>
 */
public final class CardDetector implements Detector {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;

    @Override
    public String kind() {
        return "CARD";
    }

    @Override
    public List<Span> find(String text) {
        List<Span> found = new ArrayList<>();
        List<int[]> ibans = IbanShape.find(text);
        int nextIban = 0;
        Groups groups = new Groups();
        int i = 0;
        while (i < text.length()) {
            if (!SecretShape.isAsciiDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            groups.clear();
            while (true) {
                int groupStart = i;
                while (i < text.length() && SecretShape.isAsciiDigit(text.charAt(i))) {
                    i++;
                }
                groups.add(groupStart, i);
                boolean separatorThenDigit = i + 1 < text.length()
                        && (text.charAt(i) == ' ' || text.charAt(i) == '-')
                        && SecretShape.isAsciiDigit(text.charAt(i + 1));
                if (!separatorThenDigit) {
                    break;
                }
                i++;
            }
            int runEnd = i;
            while (nextIban < ibans.size() && ibans.get(nextIban)[1] <= runStart) {
                nextIban++;
            }
            boolean inIban = nextIban < ibans.size() && ibans.get(nextIban)[0] < runEnd;
            if (!inIban) {
                cardsInRun(text, groups, found);
            }
        }
        return found;
    }

    private static void cardsInRun(String text, Groups groups, List<Span> found) {
        int first = 0;
        int last = groups.size() - 1;
        Edge left = leftEdge(text, groups.start(first));
        Edge right = rightEdge(text, groups.end(last));
        if (left == Edge.PART_OF_SOMETHING_ELSE || right == Edge.PART_OF_SOMETHING_ELSE) {
            return;
        }
        // "item2 4111 …" or "… 1111 12ab": only the glued group belongs to the word, when a space parts them.
        if (left == Edge.GLUED) {
            if (first == last || text.charAt(groups.start(first + 1) - 1) != ' ') {
                return;
            }
            first++;
        }
        if (right == Edge.GLUED) {
            if (first == last || text.charAt(groups.start(last) - 1) != ' ') {
                return;
            }
            last--;
        }
        while (first <= last) {
            int cardEnd = couldBeginACard(groups.length(first)) ? longestCardFrom(text, groups, first, last) : -1;
            if (cardEnd >= 0) {
                found.add(new Span(groups.start(first), groups.end(cardEnd)));
                first = cardEnd + 1;
            } else if (couldBeginACard(groups.length(first))) {
                return;
            } else {
                first++; // "qty 2 4111 …": a group no card starts with is passed over
            }
        }
    }

    private enum Edge { FREE, GLUED, PART_OF_SOMETHING_ELSE }

    private static Edge leftEdge(String text, int start) {
        if (start == 0) {
            return Edge.FREE;
        }
        char before = text.charAt(start - 1);
        if (before == '+') {
            return Edge.PART_OF_SOMETHING_ELSE; // an international phone number
        }
        if (Character.isLetterOrDigit(before) || before == '_') {
            return Edge.GLUED;
        }
        boolean joined = (before == '-' || before == '.') && start > 1 && Character.isLetterOrDigit(text.charAt(start - 2));
        return joined ? Edge.GLUED : Edge.FREE;
    }

    private static Edge rightEdge(String text, int end) {
        if (end == text.length()) {
            return Edge.FREE;
        }
        char after = text.charAt(end);
        if (Character.isLetterOrDigit(after) || after == '_') {
            return Edge.GLUED;
        }
        boolean continues = end + 1 < text.length()
                && ((after == '-' && Character.isLetterOrDigit(text.charAt(end + 1)))
                || (after == '.' && SecretShape.isAsciiDigit(text.charAt(end + 1))));
        return continues ? Edge.GLUED : Edge.FREE;
    }

    private static boolean couldBeginACard(int groupLength) {
        return groupLength == 4 || (groupLength >= MIN_DIGITS && groupLength <= MAX_DIGITS);
    }

    /** Index of the last group of the longest card starting at group {@code first} (up to {@code last}), or -1. */
    private static int longestCardFrom(String text, Groups groups, int first, int last) {
        int lastInReach = first - 1;
        int digits = 0;
        while (lastInReach + 1 <= last && digits + groups.length(lastInReach + 1) <= MAX_DIGITS) {
            lastInReach++;
            digits += groups.length(lastInReach);
        }
        for (int end = lastInReach; end >= first && digits >= MIN_DIGITS; end--) {
            if (laidOutLikeACard(groups, first, end)) {
                String number = digitsOf(text, groups, first, end);
                if (issuedByACardNetwork(number) && passesLuhn(number)) {
                    return end;
                }
            }
            digits -= groups.length(end);
        }
        return -1;
    }

    private static boolean laidOutLikeACard(Groups groups, int first, int last) {
        if (first == last) {
            return true;
        }
        if (groups.length(first) != 4 || groups.length(last) > 6) {
            return false;
        }
        for (int g = first + 1; g < last; g++) {
            if (groups.length(g) < 4 || groups.length(g) > 6) {
                return false;
            }
        }
        return true;
    }

    static boolean issuedByACardNetwork(String number) {
        char major = number.charAt(0);
        if (major == '0' || number.startsWith("89")) {
            return false;
        }
        return major != '9' || (number.startsWith("9792") && number.length() == 16);
    }

    static boolean passesLuhn(String number) {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static String digitsOf(String text, Groups groups, int first, int last) {
        StringBuilder digits = new StringBuilder(MAX_DIGITS);
        for (int g = first; g <= last; g++) {
            digits.append(text, groups.start(g), groups.end(g));
        }
        return digits.toString();
    }

    /** Start and end offsets of the digit groups of one run, reused across runs. */
    private static final class Groups {
        private int[] bounds = new int[16];
        private int size;

        void clear() {
            size = 0;
        }

        void add(int start, int end) {
            if (2 * size + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * size] = start;
            bounds[2 * size + 1] = end;
            size++;
        }

        int size() {
            return size;
        }

        int start(int g) {
            return bounds[2 * g];
        }

        int end(int g) {
            return bounds[2 * g + 1];
        }

        int length(int g) {
            return end(g) - start(g);
        }
    }
}
