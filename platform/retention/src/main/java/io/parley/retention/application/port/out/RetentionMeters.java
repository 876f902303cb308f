package io.parley.retention.application.port.out;

import java.time.Instant;

/** What the job reports to monitoring: rows per table and action, runs per outcome, the last success. */
public interface RetentionMeters {

    /** {@code rows} more rows of {@code table} were archived, deleted, closed or anonymised ({@code action}) by a real run. */
    void rows(String table, String action, long rows);

    /** A real run completed at {@code finishedAt}. */
    void completed(Instant finishedAt);

    void dryRun();

    /** Another run held the lock; this one did nothing. */
    void skipped();

    void failed();
}
