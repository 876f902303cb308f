package io.parley.conversation.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Conversations for unit tests: a user's (owned by subject {@code alice}) and a guest's. */
public final class Conversations {

    public static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");
    public static final String GUEST_SESSION = "guest-session-0123456789abcdef";

    private Conversations() {
    }

    public static Conversation ownedBy(String subject) {
        return new Conversation(UUID.randomUUID(), "session-of-" + subject + "-0123456789", UUID.randomUUID(), subject,
                Channel.WEB, "en-US", ConversationStatus.OPEN, null, Map.of(), 0, STARTED, STARTED, null);
    }

    public static Conversation guest() {
        return new Conversation(UUID.randomUUID(), GUEST_SESSION, null, null,
                Channel.WEB, null, ConversationStatus.OPEN, null, Map.of(), 0, STARTED, STARTED, null);
    }

    public static Conversation closed(Conversation open) {
        return new Conversation(open.id(), open.sessionId(), open.userId(), open.userSubject(), open.channel(), open.locale(),
                ConversationStatus.CLOSED, open.summary(), open.metadata(), open.lastSeq(), open.startedAt(),
                open.updatedAt(), open.updatedAt());
    }
}
