package io.parley.tracing.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiRequestTest {

    private static ApiRequest line(String endpoint, String method, int status, double latency, String kind) {
        return new ApiRequest(UUID.randomUUID(), endpoint, method, status, latency, kind, Instant.EPOCH);
    }

    @Test
    void a_line_fits_the_table_or_is_refused_before_it_could_fail_a_whole_batch() {
        assertDoesNotThrow(() -> line("/api/v1/conversations/{id}", "GET", 200, 0.0, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("", "GET", 200, 1, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("/x", "PROPFIND", 200, 1, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("/x", "GET", 99, 1, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("/x", "GET", 200, -1, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("/x", "GET", 200, Double.NaN, "user"));
        assertThrows(IllegalArgumentException.class, () -> line("/x", "GET", 200, 1, "robot"));
    }

    @Test
    void endpoints_are_templates_cut_to_the_column_or_the_unmatched_label() {
        assertEquals(ApiRequest.UNMATCHED, ApiRequest.fitEndpoint(null));
        assertEquals(ApiRequest.ENDPOINT_MAX, ApiRequest.fitEndpoint("/" + "a".repeat(400)).length());
        assertEquals("/api/v1/traces", ApiRequest.fitEndpoint("/api/v1/traces"));
        assertFalse(ApiRequest.isLoggable("CONNECT"));
    }
}
