package io.parley.ticketing.application.service;

import io.parley.ticketing.api.TicketRetentionCounts;
import io.parley.ticketing.application.port.out.LoadTicketArchivePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Ticketing's retention API reads at most one retention batch of conversations at a time. */
@ExtendWith(MockitoExtension.class)
class TicketArchiveServiceTest {

    @Mock
    LoadTicketArchivePort storage;

    @Test
    void no_conversations_means_no_tickets_and_no_query() {
        TicketArchiveService service = new TicketArchiveService(storage);

        assertEquals(Map.of(), service.ticketsOf(List.of()));
        assertEquals(TicketRetentionCounts.NONE, service.countFor(List.of()));
        verifyNoInteractions(storage);
    }

    @Test
    void more_conversations_than_a_batch_are_refused() {
        List<UUID> tooMany = Stream.generate(UUID::randomUUID).limit(TicketArchiveService.MAX_CONVERSATIONS + 1).toList();

        assertThrows(IllegalArgumentException.class, () -> new TicketArchiveService(storage).ticketsOf(tooMany));
        verifyNoInteractions(storage);
    }

    @Test
    void counts_come_from_storage_for_each_conversation_once() {
        UUID id = UUID.randomUUID();
        when(storage.countByConversations(Set.of(id))).thenReturn(new TicketRetentionCounts(1, 1));

        assertEquals(new TicketRetentionCounts(1, 1), new TicketArchiveService(storage).countFor(List.of(id, id)));
    }
}
