package io.parley.tracing.adapter.in.scheduling;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.parley.tracing.application.port.in.CreatePartitionsAheadUseCase;
import io.parley.tracing.application.service.TracePartitionSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps the trace and request log partitions ahead: at startup and then every
 * {@code parley.tracing.partitions.interval} (1 h), on every instance. Creating a partition is serialised
 * across instances by an advisory lock and skips what another instance made, so N instances make each
 * partition once. A failed pass (a lock not granted in time, the database away) is logged and the next one
 * tries again; with three days of partitions ahead, a row lands in the default partition only after days
 * of failures, and the next successful pass moves it into its partition.
 */
@Singleton
@Requires(property = TracePartitionSettings.ENABLED, notEquals = "false")
class TracePartitionJob {

    private static final Logger LOG = LoggerFactory.getLogger(TracePartitionJob.class);

    private final CreatePartitionsAheadUseCase partitions;

    TracePartitionJob(CreatePartitionsAheadUseCase partitions) {
        this.partitions = partitions;
    }

    @Scheduled(fixedDelay = "${parley.tracing.partitions.interval:1h}", initialDelay = "${parley.tracing.partitions.initial-delay:1s}")
    void run() {
        try {
            List<String> created = partitions.createAhead();
            if (!created.isEmpty()) {
                LOG.info("trace partitions created ahead: {}", created);
            }
        } catch (RuntimeException e) {
            // the type is enough to diagnose and quotes no data; the next pass tries again
            LOG.warn("creating trace partitions ahead failed: {}", e.getClass().getName());
        }
    }
}
