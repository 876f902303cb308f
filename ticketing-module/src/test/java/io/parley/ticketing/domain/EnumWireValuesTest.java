package io.parley.ticketing.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lower-case enums of the API and the schema's CHECK constraints. */
class EnumWireValuesTest {

    @Test
    void priorities() {
        assertEquals(Optional.of(Priority.URGENT), Priority.fromWire("urgent"));
        assertEquals("low", Priority.LOW.wireValue());
        assertEquals(Optional.empty(), Priority.fromWire("URGENT"));
        assertEquals(Optional.empty(), Priority.fromWire("critical"));
        assertEquals(Optional.empty(), Priority.fromWire(null));
    }

    @Test
    void helpdesks_and_handoff_statuses() {
        for (HelpdeskKind kind : HelpdeskKind.values()) {
            assertEquals(Optional.of(kind), HelpdeskKind.fromWire(kind.wireValue()));
        }
        for (HandoffStatus status : HandoffStatus.values()) {
            assertEquals(Optional.of(status), HandoffStatus.fromWire(status.wireValue()));
        }
        for (DeliveryState state : DeliveryState.values()) {
            assertEquals(Optional.of(state), DeliveryState.fromStored(state.storedValue()));
        }
        assertEquals(java.util.Set.of("pending", "created", "routed", "resolved", "failed"),
                java.util.Arrays.stream(DeliveryState.values()).map(DeliveryState::storedValue).collect(java.util.stream.Collectors.toSet()),
                "the values of handoffs_status_check");
        assertEquals("freshdesk", HelpdeskKind.FRESHDESK.wireValue());
        assertEquals(Optional.empty(), HelpdeskKind.fromWire("jira"));
    }
}
