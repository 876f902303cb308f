package io.parley.conversation.application.port.out;

import java.util.UUID;

public interface UpsertUserPort {

    /** Inserts or refreshes the user with this external id and returns its row id. */
    UUID upsert(UUID newId, String externalId, String email, String name);
}
