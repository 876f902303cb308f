package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.out.UpsertUserPort;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

@Singleton
public class UserDirectoryService implements UserDirectory {

    private final UpsertUserPort users;
    private final Clock clock;

    public UserDirectoryService(UpsertUserPort users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional
    public UUID ensureUser(Caller caller) {
        if (!caller.isAuthenticated()) {
            throw new IllegalArgumentException("only an authenticated caller has a user row");
        }
        String email = caller.email() == null || caller.email().isBlank() ? null : caller.email().trim().toLowerCase(Locale.ROOT);
        return users.upsert(Ids.newId(clock), caller.subject(), email, caller.name());
    }
}
