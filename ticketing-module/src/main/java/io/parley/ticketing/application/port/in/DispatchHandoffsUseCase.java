package io.parley.ticketing.application.port.in;

/**
 * One pass of the handoff outbox: claims the due pending handoffs (each by one dispatcher across
 * all instances), delivers them to their helpdesk and records the outcome, retrying with backoff.
 */
public interface DispatchHandoffsUseCase {

    DispatchReport dispatchDue();

    /** How the claimed handoffs of one pass ended. */
    record DispatchReport(int claimed, int delivered, int retrying, int failed) {

        public static final DispatchReport NOTHING = new DispatchReport(0, 0, 0, 0);
    }
}
