package io.parley.tracing.application.port.in;

import io.parley.kernel.Caller;

/**
 * Records agent spans: the AI agent backend over HTTP, or the chat turn in-process. All or nothing:
 * one broken span refuses the whole batch. Idempotent: a span id seen before is counted as a
 * duplicate and left as it was.
 */
public interface IngestSpansUseCase {

    /**
     * @throws io.parley.kernel.ForbiddenException     when the caller is not the service (before anything about the spans)
     * @throws io.parley.kernel.RuleViolationException naming every broken rule, by span index
     */
    IngestResult ingest(IngestSpansCommand command, Caller caller);

    /**
     * @param accepted   spans written now
     * @param duplicates spans whose id was already stored (or repeated in the batch): not written again
     * @param redactions secrets replaced in names, payloads and error texts before they were stored
     */
    record IngestResult(int accepted, int duplicates, int redactions) {
    }
}
