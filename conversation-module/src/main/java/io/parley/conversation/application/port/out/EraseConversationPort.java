package io.parley.conversation.application.port.out;

import java.util.List;
import java.util.UUID;

public interface EraseConversationPort {

    /** Deletes the conversation and, by cascade, all that hangs off it; false when it was already gone. */
    boolean erase(UUID conversationId);

    /** Up to {@code limit} ids of the conversations owned by the user with this JWT subject. */
    List<UUID> conversationIdsOwnedBy(String ownerSubject, int limit);

    /** Deletes the user row of this JWT subject (its conversations go with it); false when there was none. */
    boolean deleteUser(String ownerSubject);
}
