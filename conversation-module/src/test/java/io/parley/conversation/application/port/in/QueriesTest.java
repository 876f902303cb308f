package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.kernel.Cursor;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The smaller commands and queries: lists, references, feedback, summaries, starting a conversation. */
class QueriesTest {

    static final ConversationRef REF = ConversationRef.id(UUID.randomUUID());

    @Test
    void a_conversation_list_defaults_to_50_of_any_status_from_the_start() {
        ListConversationsQuery query = ListConversationsQuery.of(null, null, null);
        assertEquals(50, query.limit());
        assertNull(query.status());
        assertNull(query.after());
    }

    @Test
    void a_conversation_list_continues_after_its_own_cursor_only() {
        UUID id = UUID.randomUUID();
        Instant updated = Instant.parse("2026-11-23T10:15:30.123456Z");
        String cursor = new ListConversationsQuery.Position(updated, id).toCursor().encode();
        ListConversationsQuery query = ListConversationsQuery.of("closed", "10", cursor);
        assertEquals(ConversationStatus.CLOSED, query.status());
        assertEquals(new ListConversationsQuery.Position(updated, id), query.after());

        String messagesCursor = ReadMessagesQuery.cursorAfter(5).encode();
        assertEquals(List.of("cursor: is not a cursor of this list"),
                Violations.of(() -> ListConversationsQuery.of(null, null, messagesCursor)));
        assertEquals(List.of("cursor: is not a cursor of this list"),
                Violations.of(() -> ListConversationsQuery.of(null, null, Cursor.of("conversations", "yesterday", "x").encode())));
    }

    @Test
    void garbage_status_limit_and_cursor_are_all_reported() {
        assertEquals(List.of("status", "limit", "cursor"), Violations.fields(() -> ListConversationsQuery.of("OPEN", "0", "%%%")));
        assertEquals(List.of("limit"), Violations.fields(() -> ListConversationsQuery.of(null, "201", null)));
        assertEquals(List.of("limit"), Violations.fields(() -> ListConversationsQuery.of(null, "ten", null)));
    }

    @Test
    void a_history_page_is_oldest_first_from_seq_0_and_continues_after_the_cursor() {
        ReadMessagesQuery first = ReadMessagesQuery.of(REF, null, null, null);
        assertEquals(ReadMessagesQuery.Order.ASC, first.order());
        assertEquals(50, first.limit());
        assertEquals(0, first.boundarySeq());
        assertEquals(ReadMessagesQuery.Order.ASC, ReadMessagesQuery.of(REF, "asc", null, null).order());
        assertEquals(42, ReadMessagesQuery.of(REF, null, "5", ReadMessagesQuery.cursorAfter(42).encode()).boundarySeq());
        assertEquals(List.of("cursor"), Violations.fields(() -> ReadMessagesQuery.of(REF, null, null, Cursor.of("messages", "x").encode())));
        assertEquals(List.of("cursor"), Violations.fields(() -> ReadMessagesQuery.of(REF, null, null, Cursor.of("messages", -3).encode())));
        String conversationsCursor = new ListConversationsQuery.Position(Instant.now(), UUID.randomUUID()).toCursor().encode();
        assertEquals(List.of("cursor"), Violations.fields(() -> ReadMessagesQuery.of(REF, null, null, conversationsCursor)));
    }

    @Test
    void a_history_page_newest_first_starts_at_the_latest_message_and_continues_before_the_cursor() {
        ReadMessagesQuery latest = ReadMessagesQuery.of(REF, "desc", "50", null);
        assertEquals(ReadMessagesQuery.Order.DESC, latest.order());
        assertEquals(Long.MAX_VALUE, latest.boundarySeq());
        ReadMessagesQuery earlier = ReadMessagesQuery.of(REF, "desc", null, ReadMessagesQuery.cursorBefore(71).encode());
        assertEquals(71, earlier.boundarySeq());
        assertEquals(ReadMessagesQuery.cursorBefore(21), earlier.cursorPast(21));
        assertEquals(ReadMessagesQuery.cursorAfter(21), ReadMessagesQuery.of(REF, null, null, null).cursorPast(21));
        assertEquals(List.of("cursor"), Violations.fields(() -> ReadMessagesQuery.of(REF, "desc", null, Cursor.of("messages-desc", "x").encode())));
    }

    @Test
    void a_cursor_continues_only_the_order_it_was_issued_for() {
        String ascending = ReadMessagesQuery.cursorAfter(10).encode();
        String descending = ReadMessagesQuery.cursorBefore(10).encode();
        assertEquals(List.of("cursor: was issued for order=asc, not order=desc"),
                Violations.of(() -> ReadMessagesQuery.of(REF, "desc", null, ascending)));
        assertEquals(List.of("cursor: was issued for order=desc, not order=asc"),
                Violations.of(() -> ReadMessagesQuery.of(REF, null, null, descending)));
    }

    @Test
    void an_unknown_order_is_reported_with_the_other_broken_parameters() {
        assertEquals(List.of("order: must be asc or desc"), Violations.of(() -> ReadMessagesQuery.of(REF, "newest", null, null)));
        assertEquals(List.of("order"), Violations.fields(() -> ReadMessagesQuery.of(REF, "DESC", null, null)));
        assertEquals(List.of("order", "limit", "cursor"), Violations.fields(() -> ReadMessagesQuery.of(REF, "up", "0", "%%%")));
        assertEquals(List.of("order"), Violations.fields(() -> new ReadMessagesQuery(REF, null, 50, 0)));
    }

    @Test
    void malformed_references_are_not_found() {
        assertThrows(NotFoundException.class, () -> ConversationRef.id("not-a-uuid"));
        assertThrows(NotFoundException.class, () -> ConversationRef.id("01a2077a-74fd-731c-bbf3-98a244935d9"));
        assertThrows(NotFoundException.class, () -> ConversationRef.session("short"));
        assertThrows(NotFoundException.class, () -> ConversationRef.session("has spaces in it 0123456789"));
        assertInstanceOf(ConversationRef.BySession.class, ConversationRef.session("abcdefghijklmnopqrstuv_-"));
    }

    @Test
    void feedback_is_a_whole_rating_0_to_5_and_an_optional_comment() {
        assertEquals(4, GiveFeedbackCommand.of(REF, 4.0, null).rating());
        assertNull(GiveFeedbackCommand.of(REF, 0, "  ").comment());
        assertEquals(List.of("rating: is required"), Violations.of(() -> GiveFeedbackCommand.of(REF, null, null)));
        assertEquals(List.of("rating: must be an integer between 0 and 5"), Violations.of(() -> GiveFeedbackCommand.of(REF, 4.5, null)));
        assertEquals(List.of("rating: must be an integer between 0 and 5"), Violations.of(() -> GiveFeedbackCommand.of(REF, 6, null)));
        assertEquals(List.of("rating: must be an integer between 0 and 5"), Violations.of(() -> GiveFeedbackCommand.of(REF, -1, null)));
        assertEquals(List.of("comment: must have at most 2000 characters"),
                Violations.of(() -> GiveFeedbackCommand.of(REF, 3, "c".repeat(2001))));
        assertEquals(List.of("comment"), Violations.fields(() -> GiveFeedbackCommand.of(REF, 3, "nul\u0000")));
    }

    @Test
    void a_summary_is_1_to_100_clean_characters() {
        assertEquals("Refund", new SetConversationSummaryCommand(REF, "  Refund ").summary());
        assertEquals(List.of("summary"), Violations.fields(() -> new SetConversationSummaryCommand(REF, "   ")));
        assertEquals(List.of("summary"), Violations.fields(() -> new SetConversationSummaryCommand(REF, "s".repeat(101))));
        assertEquals(List.of("summary"), Violations.fields(() -> new SetConversationSummaryCommand(REF, null)));
    }

    @Test
    void a_conversation_starts_on_the_web_unless_told_otherwise() {
        assertEquals(Channel.WEB, StartConversationCommand.of(null, null, null).channel());
        assertEquals(Channel.EMAIL, StartConversationCommand.of("email", "de-CH", Map.of("plan", "pro")).channel());
        assertEquals(List.of("channel", "locale"), Violations.fields(() -> StartConversationCommand.of("fax", "english please", null)));
        assertEquals(List.of("metadata"), Violations.fields(() -> StartConversationCommand.of(null, null, Map.of("k", "\u0000"))));
    }
}
