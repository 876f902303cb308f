package io.parley.tracing.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import io.parley.tracing.application.port.out.SaveApiRequestsPort;
import io.parley.tracing.application.service.ApiRequestLogService;
import io.parley.tracing.domain.ApiRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 5: a request never waits for its log line. The store is replaced by one that blocks
 * until released; while the writer is stuck in it, requests still answer, lines queue up to the
 * capacity (3 here) and the rest are dropped and counted.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.tracing.request-log.capacity", value = "3")
class RequestLogBackpressureTest extends WebTest {

    static final CountDownLatch WRITING = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final List<ApiRequest> STORED = Collections.synchronizedList(new ArrayList<>());

    @MockBean(SaveApiRequestsPort.class)
    SaveApiRequestsPort blockingStore() {
        return requests -> {
            WRITING.countDown();
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            STORED.addAll(requests);
        };
    }

    @Inject
    ApiRequestLogService requestLog;

    @Test
    void requests_answer_while_the_writer_is_blocked_and_lines_beyond_the_queue_are_dropped() throws Exception {
        String admin = TestTokens.withRoles("root", "admin");
        String path = "/api/v1/messages/" + Ids.newId() + "/traces";
        assertEquals(404, http.get(path, admin).status());
        Thread writer = new Thread(requestLog::flush, "test-flush");
        writer.start();
        assertTrue(WRITING.await(30, TimeUnit.SECONDS), "a writer is stuck in the store");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.get(path, admin).status());
        }

        assertEquals(List.of(404, 404, 404, 404), statuses, "every request answered although its line could not be stored");
        assertEquals(3, requestLog.queued());
        String metrics = http.get("/prometheus", TestTokens.withRoles("ops", "admin")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("parley_request_log_queue_depth") && l.endsWith(" 3.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("parley_request_log_dropped_total{reason=\"queue_full\"") && l.endsWith(" 1.0")),
                metrics);

        RELEASE.countDown();
        writer.join();
        requestLog.flush();

        assertEquals(4, STORED.size());
        assertTrue(STORED.stream().allMatch(line -> line.endpoint().equals("/api/v1/messages/{id}/traces")), STORED::toString);
    }
}
