package io.parley.tracing.application.service;

import io.parley.tracing.application.port.out.TracePartitionsPort;
import io.parley.tracing.application.port.out.TracePartitionsPort.Table;
import io.parley.tracing.domain.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The service asks storage for what is missing from the period in progress to ahead-days ahead, table by table. */
@ExtendWith(MockitoExtension.class)
class TracePartitionServiceTest {

    static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

    @Mock
    TracePartitionsPort storage;

    @Test
    void the_missing_days_of_both_tables_are_created_and_reported() {
        TracePartitionSettings settings = new TracePartitionSettings();
        settings.setAheadDays(1);
        TimeRange today = new TimeRange(Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-06T00:00:00Z"));
        TimeRange tomorrow = new TimeRange(Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z"));
        when(storage.ensureDefaultPartition(any(), eq(settings.locks()))).thenReturn(Optional.empty());
        when(storage.partitions(Table.AGENT_TRACES)).thenReturn(List.of(today));
        when(storage.partitions(Table.API_REQUESTS)).thenReturn(List.of(today, tomorrow));
        when(storage.createPartition(Table.AGENT_TRACES, tomorrow, settings.locks())).thenReturn(Optional.of("agent_traces_p20261206"));

        List<String> created = new TracePartitionService(storage, settings, Clock.fixed(NOW, ZoneOffset.UTC)).createAhead();

        assertEquals(List.of("agent_traces_p20261206"), created);
        verify(storage, never()).createPartition(eq(Table.API_REQUESTS), any(), any());
    }

    @Test
    void a_partition_another_instance_made_meanwhile_is_not_reported() {
        TracePartitionSettings settings = new TracePartitionSettings();
        settings.setAheadDays(1);
        when(storage.ensureDefaultPartition(any(), any())).thenReturn(Optional.empty());
        when(storage.partitions(any())).thenReturn(List.of());
        when(storage.createPartition(any(), any(), any())).thenReturn(Optional.empty());

        assertEquals(List.of(), new TracePartitionService(storage, settings, Clock.fixed(NOW, ZoneOffset.UTC)).createAhead());
    }
}
