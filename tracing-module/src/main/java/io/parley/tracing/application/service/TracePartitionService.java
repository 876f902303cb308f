package io.parley.tracing.application.service;

import io.parley.tracing.application.port.in.CreatePartitionsAheadUseCase;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.TracePartitionsPort;
import io.parley.tracing.application.port.out.TracePartitionsPort.Table;
import io.parley.tracing.domain.TimePartitionPlan;
import io.parley.tracing.domain.TimeRange;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the partitions from the period now in progress to {@code ahead-days} ahead and creates whatever is
 * missing, one partition per short transaction (the storage serialises instances and skips what another
 * made meanwhile). Past periods are never created here: a row older than every partition lands in the
 * default partition, which retention trims like the straddling one.
 */
@Singleton
public class TracePartitionService implements CreatePartitionsAheadUseCase {

    private final TracePartitionsPort partitions;
    private final TracePartitionSettings settings;
    private final Clock clock;

    public TracePartitionService(TracePartitionsPort partitions, TracePartitionSettings settings, Clock clock) {
        this.partitions = partitions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<String> createAhead() {
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofDays(settings.getAheadDays()));
        PartitionLocks locks = settings.locks();
        List<String> created = new ArrayList<>();
        for (Table table : Table.values()) {
            partitions.ensureDefaultPartition(table, locks).ifPresent(created::add);
            for (TimeRange range : TimePartitionPlan.missing(partitions.partitions(table), now, until, settings.getPeriod())) {
                partitions.createPartition(table, range, locks).ifPresent(created::add);
            }
        }
        return created;
    }
}
