package io.parley.conversation.application.port.in;

import io.parley.kernel.Cursor;
import io.parley.kernel.PageRequest;
import io.parley.kernel.Validation;

import java.util.Objects;

/** One page of a conversation's history, oldest first, after the message {@code afterSeq} (0: from the start). */
public record ReadMessagesQuery(ConversationRef conversation, int limit, long afterSeq) {

    private static final String KIND = "messages";

    public ReadMessagesQuery {
        Objects.requireNonNull(conversation, "conversation");
        Validation.check()
                .require(limit >= 1 && limit <= PageRequest.MAX_LIMIT, "limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT)
                .require(afterSeq >= 0, "cursor", "is not a cursor of this list")
                .throwIfInvalid();
    }

    public static ReadMessagesQuery of(ConversationRef conversation, String rawLimit, String rawCursor) {
        Validation validation = Validation.check();
        PageRequest page = PagingRules.page(validation, rawLimit, rawCursor);
        long afterSeq = page == null || page.cursor() == null ? 0 : seqOf(page.cursor());
        validation.require(afterSeq >= 0, "cursor", "is not a cursor of this list");
        validation.throwIfInvalid();
        return new ReadMessagesQuery(conversation, page.limit(), afterSeq);
    }

    /** The cursor that continues after the message with this seq. */
    public static Cursor cursorAfter(long seq) {
        return Cursor.of(KIND, seq);
    }

    private static long seqOf(Cursor cursor) {
        if (cursor.values().size() != 2 || !KIND.equals(cursor.value(0))) {
            return -1;
        }
        try {
            return Long.parseLong(cursor.value(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
