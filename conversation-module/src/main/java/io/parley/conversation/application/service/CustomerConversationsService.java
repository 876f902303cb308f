package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.CustomerConversations;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.application.port.out.FindStartedConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.kernel.Caller;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The conversation a customer talks in, for the chat turn (see {@link CustomerConversations}). */
@Singleton
public class CustomerConversationsService implements CustomerConversations {

    private final ConversationGuard guard;
    private final StartConversationUseCase startConversation;
    private final FindStartedConversationPort started;
    private final Clock clock;

    public CustomerConversationsService(ConversationGuard guard, StartConversationUseCase startConversation,
                                        FindStartedConversationPort started, Clock clock) {
        this.guard = guard;
        this.startConversation = startConversation;
        this.started = started;
        this.clock = clock;
    }

    @Override
    @Transactional
    public CustomerConversation start(Caller caller, String channel, String locale, String idempotencyKey, Duration retryWindow) {
        Conversation conversation = startedEarlier(caller, idempotencyKey, retryWindow)
                .orElseGet(() -> startConversation.start(StartConversationCommand.of(channel, locale, Map.of()), caller));
        return new CustomerConversation(ConversationDirectoryService.view(conversation),
                conversation.isGuest() ? Caller.guest(conversation.sessionId()) : caller);
    }

    @Override
    @Transactional
    public CustomerConversation continueBySession(String sessionId, Caller caller) {
        ConversationGuard.Readable readable = guard.requireReadable(ConversationRef.session(sessionId), caller);
        Conversation conversation = readable.conversation();
        // staff may read a conversation, but only its customer talks in it
        if (!ConversationAccess.isCustomer(conversation, readable.caller())) {
            throw ConversationGuard.notFound();
        }
        return new CustomerConversation(ConversationDirectoryService.view(conversation),
                conversation.isGuest() ? Caller.guest(conversation.sessionId()) : readable.caller());
    }

    private Optional<Conversation> startedEarlier(Caller caller, String idempotencyKey, Duration retryWindow) {
        if (!caller.isAuthenticated() || idempotencyKey == null) {
            // a guest's first turn has no identity to recognise a retry by; without a key, two turns are two conversations
            return Optional.empty();
        }
        return started.lockAndFind(caller.subject(), idempotencyKey, Timestamps.now(clock).minus(retryWindow));
    }
}
