package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.ConversationStatus;
import io.parley.kernel.Cursor;
import io.parley.kernel.PageRequest;
import io.parley.kernel.Validation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One page of the caller's own conversations, newest {@code updated_at} first, optionally only
 * open or closed ones. {@code after} is the keyset position of the previous page's last row.
 */
public record ListConversationsQuery(ConversationStatus status, int limit, Position after) {

    /** The sort key of a listed conversation; the cursor of the next page encodes the last one shown. */
    public record Position(Instant updatedAt, UUID id) {

        private static final String KIND = "conversations";

        public Cursor toCursor() {
            return Cursor.of(KIND, updatedAt, id);
        }

        static Position fromCursor(Cursor cursor) {
            if (cursor.values().size() != 3 || !KIND.equals(cursor.value(0))) {
                return null;
            }
            try {
                return new Position(Instant.parse(cursor.value(1)), UUID.fromString(cursor.value(2)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    public ListConversationsQuery {
        Validation.check().require(limit >= 1 && limit <= PageRequest.MAX_LIMIT, "limit",
                "must be an integer between 1 and " + PageRequest.MAX_LIMIT).throwIfInvalid();
    }

    public static ListConversationsQuery of(String rawStatus, String rawLimit, String rawCursor) {
        Validation validation = Validation.check();
        ConversationStatus status = null;
        if (rawStatus != null && !rawStatus.isBlank()) {
            status = ConversationStatus.fromWire(rawStatus).orElse(null);
            validation.require(status != null, "status", "must be open or closed");
        }
        PageRequest page = PagingRules.page(validation, rawLimit, rawCursor);
        Position after = page == null || page.cursor() == null ? null : Position.fromCursor(page.cursor());
        validation.require(page == null || page.cursor() == null || after != null, "cursor", "is not a cursor of this list");
        validation.throwIfInvalid();
        return new ListConversationsQuery(status, page.limit(), after);
    }
}
