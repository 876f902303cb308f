package io.parley.app.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/architecture.md "Logs": a line written while a request is handled carries that request's id, and only that one. */
@MicronautTest(transactional = false)
class RequestIdLoggingTest extends WebTest {

    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        handlerLog.addAppender(captured);
    }

    @AfterEach
    void release() {
        handlerLog.detachAppender(captured);
    }

    @Test
    void a_log_line_inside_a_request_carries_its_request_id() {
        http.send("GET", "/test-probe/fail/boom", null, null, null, Map.of("X-Request-Id", "log-req-00001"));
        http.send("GET", "/test-probe/fail/boom", null, null, null, Map.of("X-Request-Id", "log-req-00002"));

        List<String> ids = captured.list.stream().map(event -> event.getMDCPropertyMap().get("request_id")).toList();
        assertEquals(List.of("log-req-00001", "log-req-00002"), ids);
    }
}
