package io.parley.tracing.application.service;

import io.parley.tracing.api.TraceRetention;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The tracing module's retention API: every delete is bounded, and an empty question is not asked. */
@ExtendWith(MockitoExtension.class)
class TraceRetentionServiceTest {

    static final Instant CUTOFF = Instant.parse("2026-10-24T03:30:00Z");

    @Mock
    PurgeTracesPort storage;

    @Test
    void a_delete_batch_must_be_bounded() {
        TraceRetentionService service = new TraceRetentionService(storage);

        assertThrows(IllegalArgumentException.class, () -> service.deleteSpansCreatedBefore(CUTOFF, 0));
        assertThrows(IllegalArgumentException.class, () -> service.deleteRequestsCreatedBefore(CUTOFF, TraceRetention.MAX_BATCH + 1));
        assertThrows(NullPointerException.class, () -> service.deleteSpansCreatedBefore(null, 10));
        verifyNoInteractions(storage);
    }

    @Test
    void a_batch_deletes_what_storage_deleted() {
        when(storage.deleteSpansCreatedBefore(CUTOFF, 500)).thenReturn(500L);
        when(storage.deleteRequestsCreatedBefore(CUTOFF, 500)).thenReturn(12L);
        TraceRetentionService service = new TraceRetentionService(storage);

        assertEquals(500, service.deleteSpansCreatedBefore(CUTOFF, 500));
        assertEquals(12, service.deleteRequestsCreatedBefore(CUTOFF, 500));
    }

    @Test
    void counting_the_spans_of_no_conversation_asks_nothing() {
        assertEquals(0, new TraceRetentionService(storage).countSpansOf(List.of(), CUTOFF));
        verifyNoInteractions(storage);
    }

    @Test
    void the_spans_of_a_conversation_named_twice_are_counted_once() {
        UUID id = UUID.randomUUID();
        when(storage.countSpansOf(Set.of(id), null)).thenReturn(4L);

        assertEquals(4, new TraceRetentionService(storage).countSpansOf(List.of(id, id), null));
    }
}
