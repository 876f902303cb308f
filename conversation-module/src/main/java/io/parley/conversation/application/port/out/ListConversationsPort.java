package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public interface ListConversationsPort {

    /**
     * Up to {@code limit} conversations owned by the user with this JWT subject, newest
     * {@code updated_at} first (then id), strictly after the position ({@code afterUpdatedAt},
     * {@code afterId}) when it is given; only those of {@code status} when it is not null.
     */
    List<Conversation> listOwnedBy(String ownerSubject, ConversationStatus status, Instant afterUpdatedAt, UUID afterId, int limit);
}
