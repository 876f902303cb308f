package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Feedback;
import io.parley.kernel.Validation;

import java.util.Objects;

/** The customer's rating 0..5 of a conversation and an optional comment (a blank comment is no comment). */
public record GiveFeedbackCommand(ConversationRef conversation, int rating, String comment) {

    private static final String RATING_RULE = "must be an integer between " + Feedback.MIN_RATING + " and " + Feedback.MAX_RATING;

    public GiveFeedbackCommand {
        Objects.requireNonNull(conversation, "conversation");
        comment = comment == null || comment.isBlank() ? null : comment;
        rules(Validation.check(), rating, comment).throwIfInvalid();
    }

    /** From the raw request: the rating is any JSON number, and must be a whole one (4.0 is 4, 4.5 is a broken rule). */
    public static GiveFeedbackCommand of(ConversationRef conversation, Number rating, String comment) {
        double value = rating == null ? Double.NaN : rating.doubleValue();
        boolean whole = rating != null && value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE;
        Validation validation = Validation.check()
                .require(rating != null, "rating", "is required")
                .require(rating == null || whole, "rating", RATING_RULE);
        rules(validation, whole ? (int) value : Feedback.MIN_RATING, comment == null || comment.isBlank() ? null : comment)
                .throwIfInvalid();
        return new GiveFeedbackCommand(conversation, (int) value, comment);
    }

    private static Validation rules(Validation validation, int rating, String comment) {
        validation.require(rating >= Feedback.MIN_RATING && rating <= Feedback.MAX_RATING, "rating", RATING_RULE);
        return validation.text(comment, "comment", 0, Feedback.MAX_COMMENT_LENGTH);
    }
}
