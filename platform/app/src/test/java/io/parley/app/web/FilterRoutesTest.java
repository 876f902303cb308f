package io.parley.app.web;

import io.micronaut.context.BeanContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.filter.GenericHttpFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.parley.testing.TestDatabase;
import io.parley.app.support.WebTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every server filter is declared for all paths and all methods and picks its requests itself
 * ({@link io.parley.kernel.FilterScope}), so the router hands every request the one filter list it made at
 * start, instead of matching path patterns and sorting a new list per request (5 % of the JVM's CPU for a
 * one-span batch). A filter declared with a pattern or a method list makes the lists below differ.
 */
@MicronautTest(transactional = false)
class FilterRoutesTest extends WebTest {

    /** The rate limits on, as shipped (the tests' configuration turns them off). */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.rate-limits.enabled", "true");
        return properties;
    }

    @Inject
    Router router;
    @Inject
    BeanContext beans;

    @Test
    void every_request_meets_the_same_filters_whatever_its_path_and_method() {
        List<GenericHttpFilter> forAHealthCheck = router.findFilters(HttpRequest.GET("/health"));
        List<MutableHttpRequest<?>> others = List.of(
                HttpRequest.POST("/api/v1/traces", "{}"),
                HttpRequest.POST("/api/v1/chat", "{}"),
                HttpRequest.PUT("/api/v1/conversations/x", "{}"),
                HttpRequest.PATCH("/api/v1/tickets/x", "{}"),
                HttpRequest.DELETE("/api/v1/conversations/x"),
                HttpRequest.GET("/api/v1/conversations"),
                HttpRequest.GET("/console/"),
                HttpRequest.GET("/chat"),
                HttpRequest.GET("/assets/console.js"));
        for (MutableHttpRequest<?> request : others) {
            assertEquals(forAHealthCheck, router.findFilters(request), request.getMethodName() + " " + request.getPath());
        }
        // ours (request id, request log, early refusal, body limit, page headers, invalid token, strict JSON,
        // rate limit) and the framework's security filter at least
        assertTrue(forAHealthCheck.size() >= 9, () -> forAHealthCheck.size() + " filters");
    }

    /**
     * Filters of one order run in an order nobody chose (it was the order of the pattern-matched ones once);
     * each of ours has its own, so, e.g., a bad token is a 401 before the body is judged, and a 413 carries
     * the request id.
     */
    @Test
    void no_two_of_our_filters_share_an_order() {
        Map<Integer, String> byOrder = new TreeMap<>();
        beans.getBeanDefinitions(Object.class).stream()
                .filter(definition -> definition.hasStereotype(ServerFilter.class))
                .filter(definition -> definition.getBeanType().getName().startsWith("io.parley."))
                .forEach(definition -> {
                    Object filter = beans.getBean(definition);
                    int order = filter instanceof Ordered ordered ? ordered.getOrder() : 0;
                    String other = byOrder.put(order, definition.getBeanType().getSimpleName());
                    assertEquals(null, other, () -> definition.getBeanType().getSimpleName() + " has the order of " + other);
                });
        assertTrue(byOrder.size() >= 9, byOrder::toString);
    }
}
