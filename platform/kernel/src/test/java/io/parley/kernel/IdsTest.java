package io.parley.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What can be a guest session id. */
class IdsTest {

    @Test
    void an_issued_session_id_is_one() {
        assertTrue(Ids.isSessionId(Ids.newSessionId()));
        assertTrue(Ids.isSessionId("a".repeat(22)));
        assertTrue(Ids.isSessionId("A-_9".repeat(32)));
    }

    @Test
    void too_short_too_long_absent_or_not_url_safe_is_none() {
        assertFalse(Ids.isSessionId(null));
        assertFalse(Ids.isSessionId("a".repeat(21)));
        assertFalse(Ids.isSessionId("a".repeat(129)));
        assertFalse(Ids.isSessionId("a".repeat(21) + "/"));
        assertFalse(Ids.isSessionId("a".repeat(21) + " "));
    }
}
