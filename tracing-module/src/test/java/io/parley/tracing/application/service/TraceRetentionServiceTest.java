package io.parley.tracing.application.service;

import io.parley.tracing.api.TraceRetention;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The tracing module's retention API: every row delete is bounded, whole partitions go first and count with it,
 * and an empty question is not asked.
 */
@ExtendWith(MockitoExtension.class)
class TraceRetentionServiceTest {

    static final Instant CUTOFF = Instant.parse("2026-10-24T03:30:00Z");

    @Mock
    PurgeTracesPort storage;

    final TracePartitionSettings settings = new TracePartitionSettings();

    @Test
    void a_delete_batch_must_be_bounded() {
        TraceRetentionService service = new TraceRetentionService(storage, settings);

        assertThrows(IllegalArgumentException.class, () -> service.deleteSpansCreatedBefore(CUTOFF, 0));
        assertThrows(IllegalArgumentException.class, () -> service.deleteRequestsCreatedBefore(CUTOFF, TraceRetention.MAX_BATCH + 1));
        assertThrows(NullPointerException.class, () -> service.deleteSpansCreatedBefore(null, 10));
        verifyNoInteractions(storage);
    }

    @Test
    void a_call_drops_the_expired_partitions_first_then_trims_and_reports_both() {
        when(storage.dropSpanPartitionsBefore(CUTOFF, settings.locks())).thenReturn(70_000L);
        when(storage.deleteSpansCreatedBefore(CUTOFF, 500)).thenReturn(500L);
        when(storage.dropRequestPartitionsBefore(CUTOFF, settings.locks())).thenReturn(0L);
        when(storage.deleteRequestsCreatedBefore(CUTOFF, 500)).thenReturn(12L);
        TraceRetentionService service = new TraceRetentionService(storage, settings);

        assertEquals(70_500, service.deleteSpansCreatedBefore(CUTOFF, 500));
        assertEquals(12, service.deleteRequestsCreatedBefore(CUTOFF, 500));
        InOrder order = inOrder(storage);
        order.verify(storage).dropSpanPartitionsBefore(CUTOFF, settings.locks());
        order.verify(storage).deleteSpansCreatedBefore(CUTOFF, 500);
    }

    @Test
    void counting_the_spans_of_no_conversation_asks_nothing() {
        assertEquals(0, new TraceRetentionService(storage, settings).countSpansOf(List.of(), CUTOFF));
        verifyNoInteractions(storage);
    }

    @Test
    void the_spans_of_a_conversation_named_twice_are_counted_once() {
        UUID id = UUID.randomUUID();
        when(storage.countSpansOf(Set.of(id), null)).thenReturn(4L);

        assertEquals(4, new TraceRetentionService(storage, settings).countSpansOf(List.of(id, id), null));
    }
}
