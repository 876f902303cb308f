package io.parley.conversation.application.port.in;

import io.parley.kernel.Cursor;
import io.parley.kernel.PageRequest;
import io.parley.kernel.Validation;

import java.util.Locale;
import java.util.Objects;

/**
 * One page of a conversation's history by {@code seq}: oldest first ({@link Order#ASC}, the default)
 * or newest first ({@link Order#DESC}, a chat window opening on its latest messages).
 * {@code boundarySeq} is the seq of the previous page's last message, excluded: oldest first continues
 * above it (0: from the first message), newest first below it ({@link Long#MAX_VALUE}: from the latest).
 * A cursor carries its order, so it continues only the order it was issued for.
 */
public record ReadMessagesQuery(ConversationRef conversation, Order order, int limit, long boundarySeq) {

    /** The direction of the page, as {@code ?order=asc|desc}. */
    public enum Order {
        ASC("messages"),
        DESC("messages-desc");

        private final String cursorKind;

        Order(String cursorKind) {
            this.cursorKind = cursorKind;
        }

        public String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Where a page of this order starts without a cursor. */
        long start() {
            return this == ASC ? 0 : Long.MAX_VALUE;
        }

        static Order fromWire(String raw) {
            for (Order order : values()) {
                if (order.wireValue().equals(raw)) {
                    return order;
                }
            }
            return null;
        }

        static Order ofCursorKind(String kind) {
            for (Order order : values()) {
                if (order.cursorKind.equals(kind)) {
                    return order;
                }
            }
            return null;
        }
    }

    private static final String NOT_A_CURSOR = "is not a cursor of this list";

    public ReadMessagesQuery {
        Objects.requireNonNull(conversation, "conversation");
        Validation.check()
                .require(order != null, "order", "must be asc or desc")
                .require(limit >= 1 && limit <= PageRequest.MAX_LIMIT, "limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT)
                .require(boundarySeq >= 0, "cursor", NOT_A_CURSOR)
                .throwIfInvalid();
    }

    /** From the raw query parameters; a missing or blank {@code order} is {@code asc}. */
    public static ReadMessagesQuery of(ConversationRef conversation, String rawOrder, String rawLimit, String rawCursor) {
        Validation validation = Validation.check();
        Order order = rawOrder == null || rawOrder.isBlank() ? Order.ASC : Order.fromWire(rawOrder.trim());
        validation.require(order != null, "order", "must be asc or desc");
        PageRequest page = PagingRules.page(validation, rawLimit, rawCursor);
        long boundarySeq = order == null ? 0 : order.start();
        if (order != null && page != null && page.cursor() != null) {
            Cursor cursor = page.cursor();
            Order issuedFor = cursor.values().size() == 2 ? Order.ofCursorKind(cursor.value(0)) : null;
            boundarySeq = issuedFor == null ? -1 : seqOf(cursor);
            validation.require(issuedFor == null || issuedFor == order, "cursor",
                    "was issued for order=" + (issuedFor == null ? "" : issuedFor.wireValue()) + ", not order=" + order.wireValue());
            validation.require(boundarySeq >= 0, "cursor", NOT_A_CURSOR);
        }
        validation.throwIfInvalid();
        return new ReadMessagesQuery(conversation, order, page.limit(), boundarySeq);
    }

    /** The cursor that continues oldest first after the message with this seq. */
    public static Cursor cursorAfter(long seq) {
        return Cursor.of(Order.ASC.cursorKind, seq);
    }

    /** The cursor that continues newest first before the message with this seq. */
    public static Cursor cursorBefore(long seq) {
        return Cursor.of(Order.DESC.cursorKind, seq);
    }

    /** The cursor that continues this query's order past the message with this seq. */
    public Cursor cursorPast(long seq) {
        return order == Order.ASC ? cursorAfter(seq) : cursorBefore(seq);
    }

    private static long seqOf(Cursor cursor) {
        try {
            return Long.parseLong(cursor.value(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
