package io.parley.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The requests a filter is for, as the annotation patterns and method lists said before. */
class FilterScopeTest {

    @Test
    void the_api_is_api_and_everything_under_it_nothing_that_only_starts_alike() {
        assertTrue(FilterScope.isApi("/api"));
        assertTrue(FilterScope.isApi("/api/"));
        assertTrue(FilterScope.isApi("/api/v1/traces"));
        assertFalse(FilterScope.isApi("/apiary"));
        assertFalse(FilterScope.isApi("/health"));
        assertFalse(FilterScope.isApi("/"));
        assertFalse(FilterScope.isApi("/console/api/x"));
    }

    @Test
    void under_a_prefix_is_the_prefix_or_below_it() {
        assertTrue(FilterScope.under("/chat", "/chat"));
        assertTrue(FilterScope.under("/chat/app.js", "/chat"));
        assertFalse(FilterScope.under("/chatter", "/chat"));
        assertFalse(FilterScope.under("/cha", "/chat"));
    }

    @Test
    void bodies_come_with_post_put_and_patch_and_writes_add_delete() {
        for (String method : new String[] {"POST", "PUT", "PATCH"}) {
            assertTrue(FilterScope.sendsBody(method), method);
            assertTrue(FilterScope.writes(method), method);
        }
        assertFalse(FilterScope.sendsBody("DELETE"));
        assertTrue(FilterScope.writes("DELETE"));
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "post"}) {
            assertFalse(FilterScope.sendsBody(method), method);
            assertFalse(FilterScope.writes(method), method);
        }
    }
}
