package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.EraseConversationUseCase;
import io.parley.conversation.application.port.in.EraseMyDataUseCase;
import io.parley.conversation.application.port.out.EraseConversationPort;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Not one transaction on purpose: a customer with thousands of conversations must not hold one
 * huge transaction. Each conversation is erased in its own (through {@link EraseConversationUseCase},
 * so its access rule applies again), then the user row goes, taking along any conversation started
 * meanwhile.
 */
@Singleton
public class EraseMyDataService implements EraseMyDataUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(EraseMyDataService.class);
    static final int BATCH = 100;

    private final EraseConversationPort erasure;
    private final EraseConversationUseCase eraseConversation;

    public EraseMyDataService(EraseConversationPort erasure, EraseConversationUseCase eraseConversation) {
        this.erasure = erasure;
        this.eraseConversation = eraseConversation;
    }

    @Override
    public int eraseMyData(Caller caller) {
        if (!caller.isAuthenticated()) {
            throw new IllegalArgumentException("only an authenticated caller has data of their own");
        }
        Set<UUID> attempted = new HashSet<>();
        int erased = 0;
        while (true) {
            List<UUID> batch = erasure.conversationIdsOwnedBy(caller.subject(), BATCH);
            if (batch.isEmpty() || attempted.containsAll(batch)) {
                break;
            }
            for (UUID id : batch) {
                if (!attempted.add(id)) {
                    continue;
                }
                try {
                    eraseConversation.erase(ConversationRef.id(id), caller);
                    erased++;
                } catch (NotFoundException alreadyGone) {
                    // erased concurrently (another DELETE of the same caller): nothing left to do
                }
            }
        }
        erasure.deleteUser(caller.subject());
        LOG.info("erased a user's data: {} conversations", erased);
        return erased;
    }
}
