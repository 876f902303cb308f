package io.parley.chat.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a customer explicitly asks for a human ("talk to a person", "agent please", "I want a
 * real person"). Such a message is handed off at once, whatever the knowledge base holds.
 *
 * <p>English only. A support word on its own is not a request: "user agent string", "my travel
 * agent", "can someone else pick up my parcel" and "I don't want to talk to a human" are not.
 * A request is either a phrase (a verb of talking or transferring aimed at a person, asking for
 * a human, a "real person"), or a short message that is nothing but a person word and polite
 * filler ("agent", "human please", "representative!").
 */
public final class AssistantHumanRequest {

    private static final String PERSON = "(?:(?:a|an|the|some|one of your|your)\\s+)?(?:(?:real|live|actual|human)\\s+)?"
            + "(?:human(?:\\s+being)?|person|people|agent|representative|rep|operator|someone|somebody|staff(?:\\s+member)?"
            + "|employee|customer\\s+(?:service|support|care)|support\\s+(?:team|agent|staff)|team\\s+member)\\b";

    private static final List<Pattern> REQUESTS = List.of(
            Pattern.compile("\\b(?:talk|talking|speak|speaking|chat|chatting)\\s+(?:to|with)\\s+" + PERSON),
            Pattern.compile("\\b(?:connect|transfer|put|pass|forward|escalate|hand)\\s+me\\s+(?:over\\s+)?(?:to|through\\s+to|with)\\s+" + PERSON),
            Pattern.compile("\\b(?:want|need|like|get|request|prefer|have)\\s+(?:a|an)\\s+(?:(?:real|live|actual)\\s+)?"
                    + "(?:human|person|agent|representative|operator|rep)\\b"),
            Pattern.compile("\\b(?:real|live|actual)\\s+(?:person|human|agent|people)\\b"),
            Pattern.compile("\\bhuman\\s+(?:agent|being|support)\\b"));

    /** A negation shortly before the phrase turns it around: "I don't want to talk to a human". */
    private static final Pattern NEGATED_BEFORE = Pattern.compile(
            "\\b(?:don't|dont|do not|doesn't|does not|no need to|never|not)\\s+(?:[\\w']+\\s+){0,3}$");

    private static final Set<String> PERSON_WORDS = Set.of("agent", "human", "representative", "rep", "operator", "person",
            "someone", "somebody", "real person", "live person", "live agent", "human agent", "human being", "customer service",
            "a person", "a human", "an agent", "a representative");

    private static final Set<String> FILLER = Set.of("please", "pls", "plz", "now", "asap", "hi", "hello", "hey", "ok", "okay",
            "i", "want", "need", "give", "me", "get", "can", "could", "may", "have", "to", "talk", "speak", "with", "let",
            "just", "the", "thanks", "thank", "you", "an", "a");

    private static final int SHORT_MESSAGE_WORDS = 8;

    private AssistantHumanRequest() {
    }

    public static boolean isExplicit(String message) {
        if (message == null || message.isBlank()) {
            return false;
        }
        String text = normalise(message);
        for (Pattern request : REQUESTS) {
            Matcher matcher = request.matcher(text);
            while (matcher.find()) {
                if (!NEGATED_BEFORE.matcher(text.substring(0, matcher.start())).find()) {
                    return true;
                }
            }
        }
        return isOnlyAPersonWord(text);
    }

    private static boolean isOnlyAPersonWord(String text) {
        List<String> words = Arrays.stream(text.split("[^\\p{L}\\p{N}']+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || words.size() > SHORT_MESSAGE_WORDS) {
            return false;
        }
        int start = 0;
        int end = words.size();
        while (start < end && FILLER.contains(words.get(start))) {
            start++;
        }
        while (end > start && FILLER.contains(words.get(end - 1))) {
            end--;
        }
        return start < end && PERSON_WORDS.contains(String.join(" ", words.subList(start, end)));
    }

    private static String normalise(String message) {
        return message.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replaceAll("\\s+", " ")
                .strip();
    }
}
