package io.parley.ticketing.adapter.in.scheduling;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase.DispatchReport;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox dispatcher on every instance; FOR UPDATE SKIP LOCKED in the claim keeps two
 * instances off the same handoff. A full batch is followed at once by another pass (up to a bound)
 * so a backlog drains without waiting for the next tick.
 */
@Singleton
@Requires(property = HandoffDispatcherConfiguration.ENABLED, notEquals = "false")
class HandoffDispatchJob {

    static final int MAX_PASSES_PER_TICK = 10;

    private static final Logger LOG = LoggerFactory.getLogger(HandoffDispatchJob.class);

    private final DispatchHandoffsUseCase dispatcher;
    private final HandoffDispatcherConfiguration configuration;

    HandoffDispatchJob(DispatchHandoffsUseCase dispatcher, HandoffDispatcherConfiguration configuration) {
        this.dispatcher = dispatcher;
        this.configuration = configuration;
    }

    @Scheduled(fixedDelay = "${parley.ticketing.handoff.dispatcher.interval:10s}",
               initialDelay = "${parley.ticketing.handoff.dispatcher.interval:10s}")
    void run() {
        try {
            for (int pass = 0; pass < MAX_PASSES_PER_TICK; pass++) {
                DispatchReport report = dispatcher.dispatchDue();
                if (report.claimed() > 0) {
                    LOG.info("handoff dispatch: {} claimed, {} delivered, {} retrying, {} failed",
                            report.claimed(), report.delivered(), report.retrying(), report.failed());
                }
                if (report.claimed() < configuration.batchSize()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the next tick tries again; the type is enough to diagnose and quotes no data
            LOG.warn("handoff dispatch pass failed: {}", e.getClass().getName());
        }
    }
}
