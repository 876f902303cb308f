package io.parley.app.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.WebTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A service that is not operational says so with 503, so a load balancer takes it out (HealthStatusFilter). */
@MicronautTest(transactional = false)
@Property(name = "test.health.down", value = "true")
class HealthDownWebTest extends WebTest {

    @Test
    void health_answers_503_and_down_when_a_part_is_down() {
        var reply = http.get("/health", null);
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("DOWN", reply.field("status"));
    }

    /** A part of the service that is down, in this test only. */
    @Singleton
    @Requires(property = "test.health.down", value = "true")
    static class DownPart implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(HealthResult.builder("test-part", HealthStatus.DOWN).build());
        }
    }
}
