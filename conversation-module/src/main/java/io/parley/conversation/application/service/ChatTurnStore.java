package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.in.ChatTurnCommand;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.AppendOutcome;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
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
    private final AppendMessagePort append;
    private final LoadMessagesPort messages;
    private final UserDirectory users;
    private final Clock clock;

    ChatTurnStore(ConversationGuard guard, CreateConversationPort create,
                  FindStartedConversationPort started, AppendMessagePort append, LoadMessagesPort messages, UserDirectory users,
                  Clock clock) {
        this.guard = guard;
        this.create = create;
        this.started = started;
        this.append = append;
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

    /** The customer's message as it is stored: redacted content and metadata, and how many secrets were replaced. */
    record CustomerMessage(String content, Map<String, Object> metadata, int redactions) {
    }

    @Transactional
    Opened open(ChatTurnCommand command, Caller caller, CustomerMessage customerMessage) {
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

        AppendOutcome outcome = append.append(new NewMessage(Ids.newId(clock), conversation.id(), MessageRole.USER,
                customerMessage.content(), null, null, customerMessage.metadata(), customerMessage.redactions(),
                command.idempotencyKey(), Timestamps.now(clock), Conversation.summaryPreviewOf(customerMessage.content())));
        if (outcome instanceof AppendMessagePort.Appended appended) {
            return new Opened(conversation, customer, appended.message(), Optional.empty(), history(appended.message()), false);
        }
        if (outcome instanceof AppendMessagePort.Replayed replayed) {
            Message first = replayed.message();
            if (first.role() != MessageRole.USER || !first.content().equals(customerMessage.content())) {
                throw new RuleViolationException("Idempotency-Key", "was already used for a different message in this conversation");
            }
            Optional<Message> reply = messages.findByIdempotencyKey(conversation.id(), replyKey(first.id()));
            return new Opened(conversation, customer, first, reply, reply.isPresent() ? List.of() : history(first), true);
        }
        throw closedOrGone(conversation);
    }

    @Transactional
    StoredReply storeReply(Conversation conversation, Message customerMessage, String content, Double confidence, String intent,
                           Map<String, Object> metadata, int redactions) {
        AppendOutcome outcome = append.append(new NewMessage(Ids.newId(clock), conversation.id(), MessageRole.ASSISTANT, content,
                intent, confidence, metadata, redactions, replyKey(customerMessage.id()), Timestamps.now(clock), null));
        if (outcome instanceof AppendMessagePort.Appended appended) {
            return new StoredReply(appended.message(), true);
        }
        if (outcome instanceof AppendMessagePort.Replayed replayed) {
            Message first = replayed.message();
            if (first.role() != MessageRole.ASSISTANT || !customerMessage.id().toString().equals(first.metadata().get(ChatReplyMetadata.IN_REPLY_TO))) {
                throw new ConflictException("the reply's place in the conversation is taken by another message");
            }
            return new StoredReply(first, false);
        }
        throw closedOrGone(conversation);
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

    private RuntimeException closedOrGone(Conversation conversation) {
        guard.reloadOrNotFound(conversation);
        return new ConflictException("the conversation is closed", Map.of("conversation_status", "closed"));
    }
}
