package io.parley.retention.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.retention.domain.RetentionReport;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The answer of {@code POST /api/v1/admin/retention/run}: the run's report as the wire (and the OpenAPI document) shows it,
 * every member present. The domain's {@link RetentionReport} stays plain Java.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "RetentionRun", description = "What one run did (a dry run: would do); counts only, never content", example = RetentionRunResponse.EXAMPLE)
record RetentionRunResponse(
        String runId,
        boolean dryRun,
        @Schema(requiredMode = REQUIRED, allowableValues = {"delete", "archive"}) String action,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        @Schema(requiredMode = REQUIRED, description = "per enabled policy (agent_traces, api_requests, idle_conversations,"
                + " closed_conversations) the instant applied; rows strictly older went") Map<String, Instant> cutoffs,
        @Schema(requiredMode = REQUIRED, description = "per enabled policy the transactions it took") Map<String, Integer> batches,
        @Schema(requiredMode = REQUIRED, description = "per table: archived and deleted rows; conversation.conversations also closed"
                + " (idle ones closed by this run), ticketing.tickets anonymised instead of deleted") Map<String, Map<String, Long>> tables,
        @Nullable @Schema(requiredMode = REQUIRED, description = "this run's archive file (gzip JSON lines), null when nothing was archived")
        String archive) {

    static final String EXAMPLE = """
            {"run_id": "01a20894-a000-7000-8000-000000000001", "dry_run": true, "action": "delete",
             "started_at": "2026-11-23T03:30:00Z", "finished_at": "2026-11-23T03:30:00.012Z", "duration_ms": 12,
             "cutoffs": {"agent_traces": "2026-10-24T03:30:00Z", "api_requests": "2026-10-24T03:30:00Z",
                         "idle_conversations": "2026-05-27T03:30:00Z", "closed_conversations": "2026-08-25T03:30:00Z"},
             "batches": {"agent_traces": 0, "api_requests": 0, "idle_conversations": 0, "closed_conversations": 1},
             "tables": {"conversation.conversations": {"archived": 0, "deleted": 1, "closed": 0},
                        "conversation.messages": {"archived": 0, "deleted": 1},
                        "ticketing.tickets": {"archived": 0, "anonymised": 0}},
             "archive": null}""";

    static RetentionRunResponse of(RetentionReport report) {
        return new RetentionRunResponse(report.runId(), report.dryRun(), report.action(), report.startedAt(), report.finishedAt(),
                report.durationMs(), report.cutoffs(), report.batches(), report.tables(), report.archive());
    }
}
