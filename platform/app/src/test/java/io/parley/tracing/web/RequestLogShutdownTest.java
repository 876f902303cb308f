package io.parley.tracing.web;

import io.micronaut.context.ApplicationContext;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.kernel.Ids;
import io.parley.testing.TestDatabase;
import io.parley.tracing.application.port.in.RecordApiRequestUseCase;
import io.parley.tracing.application.service.ApiRequestLogService;
import io.parley.tracing.domain.ApiRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 6 item 5: lines still queued when the application stops are stored, not lost. */
class RequestLogShutdownTest {

    @Test
    void lines_still_queued_at_shutdown_are_stored() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.jwt.secret", TestTokens.SECRET);
        // the background writer would not write them for an hour: only the shutdown flush can
        properties.put("parley.tracing.request-log.flush-interval", "1h");
        properties.put("parley.tracing.request-log.batch-size", "5000");
        String endpoint = "/shutdown-test/" + Ids.newId();
        ApplicationContext context = ApplicationContext.run(properties, "test");
        RecordApiRequestUseCase requestLog = context.getBean(RecordApiRequestUseCase.class);
        for (int i = 0; i < 3; i++) {
            requestLog.record(new ApiRequest(Ids.newId(), endpoint, "GET", 200, i, "user", Instant.now()));
        }
        assertEquals(3, context.getBean(ApiRequestLogService.class).queued());

        context.close();

        assertEquals(3, Fixtures.queryLong("SELECT count(*) FROM tracing.api_requests WHERE endpoint = ?", endpoint));
    }
}
