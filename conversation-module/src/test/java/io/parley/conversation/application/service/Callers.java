package io.parley.conversation.application.service;

import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/** Callers and a fixed clock for the use-case tests. */
final class Callers {

    static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456789Z");
    /** What the services record: the API's millisecond precision. */
    static final Instant NOW_MILLIS = Instant.parse("2026-11-23T10:15:30.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Caller ALICE = Caller.authenticated("alice", Set.of(Role.USER), "Alice@Example.com", "Alice");
    static final Caller BOB = Caller.authenticated("bob", Set.of(Role.USER), null, null);
    static final Caller AGENT = Caller.authenticated("agnes", Set.of(Role.AGENT), null, null);
    static final Caller ADMIN = Caller.authenticated("root", Set.of(Role.ADMIN), null, null);
    static final Caller SERVICE = Caller.authenticated("bot", Set.of(Role.SERVICE), null, null);
    static final Caller GUEST = Caller.guest(Conversations.GUEST_SESSION);

    private Callers() {
    }
}
