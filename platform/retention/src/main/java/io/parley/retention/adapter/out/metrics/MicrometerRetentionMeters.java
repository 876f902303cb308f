package io.parley.retention.adapter.out.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.retention.application.port.out.RetentionMeters;
import io.parley.retention.domain.RetentionTally;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's Micrometer meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code parley.retention.rows{table,action}} [{@code parley_retention_rows_total}]: rows archived, deleted,
 *       closed or anonymised by real runs, counted as each batch commits;</li>
 *   <li>{@code parley.retention.runs{outcome}} [{@code parley_retention_runs_total}]: completed, dry_run, skipped
 *       (another run held the lock), failed;</li>
 *   <li>{@code parley.retention.last.success} [{@code parley_retention_last_success_seconds}]: epoch seconds of this
 *       instance's last completed real run, 0 before the first. Alert on
 *       {@code time() - max(parley_retention_last_success_seconds) > 26*3600}: only the instance that got the lock
 *       runs, so take the max over instances.</li>
 * </ul>
 */
@Singleton
class MicrometerRetentionMeters implements RetentionMeters {

    static final String ROWS = "parley.retention.rows";
    static final String RUNS = "parley.retention.runs";
    static final String LAST_SUCCESS = "parley.retention.last.success";

    private final MeterRegistry registry;
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

    MicrometerRetentionMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(LAST_SUCCESS, lastSuccessEpochSeconds, AtomicLong::doubleValue)
                .description("Epoch seconds of the last completed retention run on this instance (0: none yet)")
                .baseUnit("seconds")
                .register(registry);
        // every series exists from the start, so rate() and absence alerts work before the first purge
        RetentionTally.SHAPE.forEach((table, counters) -> {
            for (String counter : counters) {
                rows(table, counter);
            }
        });
        for (String outcome : new String[]{"completed", "dry_run", "skipped", "failed"}) {
            runs(outcome);
        }
    }

    @Override
    public void rows(String table, String action, long rows) {
        if (rows > 0) {
            rows(table, action).increment(rows);
        }
    }

    @Override
    public void completed(Instant finishedAt) {
        runs("completed").increment();
        lastSuccessEpochSeconds.set(finishedAt.getEpochSecond());
    }

    @Override
    public void dryRun() {
        runs("dry_run").increment();
    }

    @Override
    public void skipped() {
        runs("skipped").increment();
    }

    @Override
    public void failed() {
        runs("failed").increment();
    }

    private Counter rows(String table, String action) {
        return Counter.builder(ROWS).description("Rows the retention job archived, deleted, closed or anonymised")
                .tag("table", table).tag("action", action).register(registry);
    }

    private Counter runs(String outcome) {
        return Counter.builder(RUNS).description("Retention runs by outcome").tag("outcome", outcome).register(registry);
    }
}
