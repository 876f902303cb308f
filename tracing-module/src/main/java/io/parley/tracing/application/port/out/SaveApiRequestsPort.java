package io.parley.tracing.application.port.out;

import io.parley.tracing.domain.ApiRequest;

import java.util.List;

/** Stores request-log lines. */
public interface SaveApiRequestsPort {

    /** Inserts the lines in one round trip. */
    void saveAll(List<ApiRequest> requests);
}
