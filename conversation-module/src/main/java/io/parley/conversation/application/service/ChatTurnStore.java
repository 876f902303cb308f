package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.OverLimit;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.in.ChatTurnCommand;
import io.parley.conversation.application.port.out.AssistantReply;
import io.parley.conversation.application.port.out.AssistantRequest;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.CreateConversationPort.NewConversation;
import io.parley.conversation.application.port.out.FindStartedConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.Ids;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The two short transactions of a chat turn, around the assistant call that must run outside one
 * ({@code AssistantPort}): {@link #open} (find or start the conversation, append the customer's
 * message, read the history) and {@link #storeReply}.
 *
 * <p>Idempotency rests on the messages' unique (conversation_id, idempotency_key): the customer's
 * message carries the client's key, the reply a key derived from the customer message's id
 * ({@link #replyKey}), so however many duplicates race, one reply is stored and all return it.
 */
@Singleton
class ChatTurnStore {

    /** How long a signed-in customer's first turn with an idempotency key is recognised when retried. */
    static final Duration FIRST_TURN_WINDOW = Duration.ofHours(24);
    /** How many earlier messages the assistant is shown (providers bound them again by their own budget). */
    static final int HISTORY_MESSAGES = 20;

    private final ConversationGuard guard;
    private final CreateConversationPort create;
    private final FindStartedConversationPort started;
    private final MessageAppender appender;
    private final LoadMessagesPort messages;
    private final UserDirectory users;
    private final Clock clock;

    ChatTurnStore(ConversationGuard guard, CreateConversationPort create, FindStartedConversationPort started, MessageAppender appender,
                  LoadMessagesPort messages, UserDirectory users, Clock clock) {
        this.guard = guard;
        this.create = create;
        this.started = started;
        this.appender = appender;
        this.messages = messages;
        this.users = users;
        this.clock = clock;
    }

    /**
     * The turn so far.
     *
     * @param customer how the customer acts on the conversation (a guest conversation: the guest holding its session)
     * @param reply    the reply an earlier request with the same idempotency key stored already
     * @param history  the messages before {@code message}, oldest first (empty when {@code reply} is present)
     * @param replayed the customer's message was stored by an earlier request with the same idempotency key
     */
    record Opened(Conversation conversation, Caller customer, Message message, Optional<Message> reply,
                  List<AssistantRequest.Turn> history, boolean replayed) {
    }

    /** The stored reply; {@code appended} false when a concurrent duplicate of the turn stored it first. */
    record StoredReply(Message message, boolean appended) {
    }

    @Transactional
    Opened open(ChatTurnCommand command, Caller caller) {
        Conversation conversation;
        Caller customer;
        if (command.startsConversation()) {
            conversation = startedEarlier(command, caller).orElseGet(() -> start(command, caller));
            customer = conversation.isGuest() ? Caller.guest(conversation.sessionId()) : caller;
        } else {
            ConversationGuard.Readable readable = guard.requireReadable(command.session(), caller);
            // staff may read a conversation, but only its customer talks in it through the chat
            if (!ConversationAccess.isCustomer(readable.conversation(), readable.caller())) {
                throw ConversationGuard.notFound();
            }
            conversation = readable.conversation();
            customer = conversation.isGuest() ? Caller.guest(conversation.sessionId()) : readable.caller();
        }

        MessageAppender.Appended appended = appender.append(new MessageAppender.Request(conversation.id(), MessageRole.USER,
                command.message(), null, null, command.metadata(), command.idempotencyKey()), OverLimit.REJECT);
        Message message = appended.message();
        if (!appended.replayed()) {
            return new Opened(conversation, customer, message, Optional.empty(), history(message), false);
        }
        if (!appended.sameAsRequested()) {
            throw new RuleViolationException("Idempotency-Key", "was already used for a different message in this conversation");
        }
        Optional<Message> reply = messages.findByIdempotencyKey(conversation.id(), replyKey(message.id()));
        return new Opened(conversation, customer, message, reply, reply.isPresent() ? List.of() : history(message), true);
    }

    /** Appends the assistant's reply, fitted to the assistant's limit: the customer gets an answer, never a 422. */
    @Transactional
    StoredReply storeReply(Conversation conversation, Message customerMessage, AssistantReply answer) {
        MessageAppender.Appended appended = appender.append(new MessageAppender.Request(conversation.id(), MessageRole.ASSISTANT,
                answer.text(), answer.intent(), answer.confidence(), ChatReplyMetadata.of(customerMessage.id(), answer),
                replyKey(customerMessage.id())), OverLimit.FIT);
        Message reply = appended.message();
        if (appended.replayed() && (reply.role() != MessageRole.ASSISTANT
                || !customerMessage.id().toString().equals(reply.metadata().get(ChatReplyMetadata.IN_REPLY_TO)))) {
            throw new ConflictException("the reply's place in the conversation is taken by another message");
        }
        return new StoredReply(reply, !appended.replayed());
    }

    /**
     * The reply's idempotency key: one reply per customer message. Client keys are free-form, but a
     * client could only take this one in its own conversation, and then {@link #storeReply} answers 409.
     */
    static String replyKey(UUID customerMessageId) {
        return "chat-reply:" + customerMessageId;
    }

    private Optional<Conversation> startedEarlier(ChatTurnCommand command, Caller caller) {
        if (!caller.isAuthenticated() || command.idempotencyKey() == null) {
            // a guest's first turn has no identity to recognise a retry by; without a key, two turns are two conversations
            return Optional.empty();
        }
        return started.lockAndFind(caller.subject(), command.idempotencyKey(), Timestamps.now(clock).minus(FIRST_TURN_WINDOW));
    }

    private Conversation start(ChatTurnCommand command, Caller caller) {
        UUID ownerId = caller.isAuthenticated() ? users.ensureUser(caller) : null;
        return create.create(new NewConversation(Ids.newId(clock), ownerId, Ids.newSessionId(), command.channel(), command.locale(),
                Map.of(), Timestamps.now(clock)));
    }

    private List<AssistantRequest.Turn> history(Message message) {
        long before = message.seq() - 1;
        return messages.page(message.conversationId(), Math.max(0, before - HISTORY_MESSAGES), before, HISTORY_MESSAGES).stream()
                .map(m -> new AssistantRequest.Turn(m.role().wireValue(), m.content()))
                .toList();
    }

}
