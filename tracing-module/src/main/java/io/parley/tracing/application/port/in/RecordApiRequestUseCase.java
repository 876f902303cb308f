package io.parley.tracing.application.port.in;

import io.parley.tracing.domain.ApiRequest;

/** Logs one answered API request without making the request wait for storage. */
public interface RecordApiRequestUseCase {

    /** Queues the line and returns at once; when the queue is full the line is dropped and counted. */
    void record(ApiRequest request);
}
