package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.CreateConversationPort.NewConversation;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

@Singleton
public class StartConversationService implements StartConversationUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(StartConversationService.class);

    private final CreateConversationPort conversations;
    private final UserDirectory users;
    private final Redactor redactor;
    private final Clock clock;

    public StartConversationService(CreateConversationPort conversations, UserDirectory users, Redactor redactor, Clock clock) {
        this.conversations = conversations;
        this.users = users;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public Conversation start(StartConversationCommand command, Caller caller) {
        UUID ownerId = caller.isAuthenticated() ? users.ensureUser(caller) : null;
        Redacted<Object> metadata = redactor.redactTree(command.metadata());
        Conversation conversation = conversations.create(new NewConversation(Ids.newId(clock), ownerId, Ids.newSessionId(),
                command.channel(), command.locale(), (Map<String, Object>) metadata.value(), Timestamps.now(clock)));
        LOG.info("started conversation {} ({}, {})", conversation.id(), conversation.channel().wireValue(),
                ownerId == null ? "guest" : "user");
        return conversation;
    }
}
