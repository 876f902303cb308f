package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ListConversationsQuery;
import io.parley.conversation.application.port.out.ListConversationsPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ListMyConversationsServiceTest {

    final ListConversationsPort conversations = mock(ListConversationsPort.class);
    final ListMyConversationsService service = new ListMyConversationsService(conversations);

    @Test
    void asks_one_row_more_than_the_page_to_know_whether_another_page_follows() {
        List<Conversation> three = List.of(Conversations.ownedBy("alice"), Conversations.ownedBy("alice"), Conversations.ownedBy("alice"));
        when(conversations.listOwnedBy("alice", ConversationStatus.OPEN, null, null, 3)).thenReturn(three);

        Page<Conversation> page = service.list(ListConversationsQuery.of("open", "2", null), ALICE);

        assertEquals(three.subList(0, 2), page.items());
        Conversation last = three.get(1);
        assertEquals(new ListConversationsQuery.Position(last.updatedAt(), last.id()),
                ListConversationsQuery.of(null, null, page.nextCursor()).after());
    }

    @Test
    void continues_strictly_after_the_cursor_position_and_ends_without_a_cursor() {
        Instant updated = Instant.parse("2026-11-23T09:00:00Z");
        UUID id = UUID.randomUUID();
        String cursor = new ListConversationsQuery.Position(updated, id).toCursor().encode();
        when(conversations.listOwnedBy("alice", null, updated, id, 51)).thenReturn(List.of(Conversations.ownedBy("alice")));

        Page<Conversation> page = service.list(ListConversationsQuery.of(null, null, cursor), ALICE);

        assertEquals(1, page.items().size());
        assertNull(page.nextCursor());
    }

    @Test
    void a_caller_without_a_token_owns_no_list() {
        assertEquals(List.of(), service.list(ListConversationsQuery.of(null, null, null), Caller.guest("s".repeat(30))).items());
        verifyNoInteractions(conversations);
    }
}
