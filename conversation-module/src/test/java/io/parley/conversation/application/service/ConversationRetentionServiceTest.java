package io.parley.conversation.application.service;

import io.parley.conversation.api.ConversationRetention;
import io.parley.conversation.api.ConversationRetention.Position;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.conversation.application.port.out.PurgeConversationsPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The conversation module's retention API keeps every batch bounded and never asks storage for nothing. */
@ExtendWith(MockitoExtension.class)
class ConversationRetentionServiceTest {

    static final Instant CUTOFF = Instant.parse("2026-08-25T03:30:00Z");
    static final Instant NOW = Instant.parse("2026-11-23T03:30:00Z");

    @Mock
    PurgeConversationsPort storage;

    ConversationRetentionService service() {
        return new ConversationRetentionService(storage);
    }

    @Test
    void an_empty_batch_touches_no_storage() {
        assertEquals(PurgedConversationRows.NONE, service().purge(List.of(), CUTOFF));
        assertEquals(PurgedConversationRows.NONE, service().count(List.of()));
        assertEquals(Set.of(), service().stillPresent(List.of()));
        service().archive(List.of(), conversation -> {
            throw new AssertionError("nothing to archive");
        });
        verifyNoInteractions(storage);
    }

    @Test
    void a_batch_over_the_limit_is_refused_before_storage() {
        List<UUID> tooMany = Stream.generate(UUID::randomUUID).limit(ConversationRetention.MAX_BATCH + 1).toList();

        assertThrows(IllegalArgumentException.class, () -> service().purge(tooMany, CUTOFF));
        assertThrows(IllegalArgumentException.class, () -> service().lockExpired(CUTOFF, null, 0));
        assertThrows(IllegalArgumentException.class, () -> service().findExpired(CUTOFF, null, ConversationRetention.MAX_BATCH + 1));
        assertThrows(IllegalArgumentException.class, () -> service().closeIdle(CUTOFF, NOW, -1));
        verifyNoInteractions(storage);
    }

    @Test
    void a_null_id_is_refused() {
        List<UUID> withNull = new ArrayList<>();
        withNull.add(UUID.randomUUID());
        withNull.add(null);

        assertThrows(IllegalArgumentException.class, () -> service().purge(withNull, CUTOFF));
        verifyNoInteractions(storage);
    }

    @Test
    void the_same_conversation_twice_is_purged_once() {
        UUID id = UUID.randomUUID();
        when(storage.delete(Set.of(id), CUTOFF)).thenReturn(new PurgedConversationRows(1, 3, 1));

        assertEquals(new PurgedConversationRows(1, 3, 1), service().purge(List.of(id, id), CUTOFF));
    }

    @Test
    void a_conversation_cannot_be_closed_before_it_became_idle() {
        assertThrows(IllegalArgumentException.class, () -> service().closeIdle(NOW, CUTOFF, 10));
        verifyNoInteractions(storage);
    }

    @Test
    void the_purge_scan_locks_and_the_dry_run_scan_does_not() {
        Position after = new Position(CUTOFF.minusSeconds(60), UUID.randomUUID());
        when(storage.selectExpired(any(), any(), any(Integer.class), any(Boolean.class))).thenReturn(List.of());

        service().lockExpired(CUTOFF, after, 100);
        service().findExpired(CUTOFF, after, 100);

        verify(storage).selectExpired(CUTOFF, after, 100, true);
        verify(storage).selectExpired(CUTOFF, after, 100, false);
    }
}
