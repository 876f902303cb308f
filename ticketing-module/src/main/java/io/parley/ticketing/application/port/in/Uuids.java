package io.parley.ticketing.application.port.in;

import java.util.UUID;

/** Ids inside request bodies and query strings: a malformed one is a broken rule (422), not a missing resource. */
final class Uuids {

    private Uuids() {
    }

    static UUID parseOrNull(String raw) {
        try {
            return raw != null && raw.length() == 36 ? UUID.fromString(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
