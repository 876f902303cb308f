package io.parley.retention.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What one run did (or, for a dry run, would do): the answer of {@code POST /api/v1/admin/retention/run},
 * the CLI's output and the run's log line. Counts only, never content.
 *
 * <ul>
 *   <li>{@code cutoffs}: per enabled policy the instant applied; rows strictly older went.</li>
 *   <li>{@code batches}: per enabled policy how many non-empty batches (transactions) it took (the conversation
 *       policies' batches are time-boxed, so how many depends on how long each took; a dry run's figure is that of
 *       a run whose batches stay well within the budget).</li>
 *   <li>{@code tables}: per table {@code archived} and {@code deleted} rows; {@code conversation.conversations}
 *       also {@code closed} (idle ones closed this run), {@code ticketing.tickets} {@code anonymised} instead of
 *       deleted (tickets are kept).</li>
 *   <li>{@code archive}: this run's archive file, null when nothing was archived.</li>
 * </ul>
 */
// plain Java like all of the domain: its JSON form is declared by the inbound adapters (RetentionReportJson)
public record RetentionReport(
        String runId,
        boolean dryRun,
        String action,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        Map<String, Instant> cutoffs,
        Map<String, Integer> batches,
        Map<String, Map<String, Long>> tables,
        String archive) {

    /** One count of the report, 0 when the table or counter is absent. */
    public long count(String table, String counter) {
        return tables.getOrDefault(table, Map.of()).getOrDefault(counter, 0L);
    }
}
