package io.parley.chat.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.chat.application.port.in.ChatTurnCommand;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.domain.AssistantReply;
import io.parley.conversation.api.ConversationMessages;
import io.parley.conversation.api.ConversationMessages.AppendedMessage;
import io.parley.conversation.api.ConversationMessages.NewMessage;
import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.CustomerConversations;
import io.parley.conversation.api.CustomerConversations.CustomerConversation;
import io.parley.conversation.api.MessageView;
import io.parley.conversation.api.WhoAnswers;
import io.parley.conversation.api.OverLimit;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Validation;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The two short transactions of a chat turn, around the assistant call that must run outside one:
 * {@link #open} (find or start the conversation, append the customer's message, read the history) and
 * {@link #storeReply}. Both go through the conversation module's api: the same appender as the REST route.
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

    private static final String USER = "user";
    private static final String ASSISTANT = "assistant";

    private final CustomerConversations conversations;
    private final ConversationMessages messages;
    private final Optional<WhoAnswers> whoAnswers;

    /** @param whoAnswers empty when no ticketing module is deployed: the assistant always answers */
    ChatTurnStore(CustomerConversations conversations, ConversationMessages messages, Optional<WhoAnswers> whoAnswers) {
        this.conversations = conversations;
        this.messages = messages;
        this.whoAnswers = whoAnswers;
    }

    /**
     * The turn so far.
     *
     * @param customer how the customer acts on the conversation (a guest conversation: the guest holding its session)
     * @param reply    the reply an earlier request with the same idempotency key stored already
     * @param history  the messages before {@code message}, oldest first (empty when {@code reply} is present)
     * @param replayed the customer's message was stored by an earlier request with the same idempotency key
     * @param person   the handoff of the person who holds the conversation, asked in the transaction that stored the
     *                 message; empty when the assistant answers
     */
    record Opened(ConversationView conversation, Caller customer, MessageView message, Optional<MessageView> reply,
                  List<AssistantRequest.Turn> history, boolean replayed, Optional<WhoAnswers.HandoffView> person) {
    }

    /** The stored reply; {@code appended} false when a concurrent duplicate of the turn stored it first. */
    record StoredReply(MessageView message, boolean appended) {
    }

    /** The longest message a customer may send. */
    int maxMessageLength() {
        return messages.maxContentLength(USER);
    }

    @Transactional
    Opened open(ChatTurnCommand command, Caller caller) {
        CustomerConversation talk = command.startsConversation()
                ? conversations.start(caller, command.channel(), command.locale(), command.idempotencyKey(), FIRST_TURN_WINDOW)
                : conversations.continueBySession(command.sessionId(), caller);
        ConversationView conversation = talk.conversation();
        AppendedMessage appended = messages.append(conversation.id(),
                new NewMessage(USER, command.message(), null, null, command.metadata(), command.idempotencyKey()), OverLimit.REJECT);
        MessageView message = appended.message();
        if (appended.replayed() && !appended.sameAsRequested()) {
            throw new RuleViolationException(Validation.IDEMPOTENCY_KEY, "was already used for a different message in this conversation");
        }
        Optional<MessageView> reply = appended.replayed()
                ? messages.findByIdempotencyKey(conversation.id(), replyKey(message.id()))
                : Optional.empty();
        if (reply.isPresent()) {
            return new Opened(conversation, talk.customer(), message, reply, List.of(), true, Optional.empty());
        }
        // asked in this transaction, the one that stored the message: a person who takes the ticket now sees the message
        Optional<WhoAnswers.HandoffView> person = whoAnswers.map(who -> who.answererOf(conversation.id()))
                .filter(WhoAnswers.Person.class::isInstance).map(answerer -> ((WhoAnswers.Person) answerer).handoff());
        return new Opened(conversation, talk.customer(), message, Optional.empty(), person.isPresent() ? List.of() : history(message),
                appended.replayed(), person);
    }

    /** Appends the assistant's reply, fitted to the assistant's limit: the customer gets an answer, never a 422. */
    @Transactional
    StoredReply storeReply(ConversationView conversation, MessageView customerMessage, AssistantReply answer) {
        AppendedMessage appended = messages.append(conversation.id(), new NewMessage(ASSISTANT, answer.text(), answer.intent(),
                answer.confidence(), ChatReplyMetadata.of(customerMessage.id(), answer), replyKey(customerMessage.id())), OverLimit.FIT);
        MessageView reply = appended.message();
        if (appended.replayed() && (!ASSISTANT.equals(reply.role())
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

    private List<AssistantRequest.Turn> history(MessageView message) {
        return messages.before(message.conversationId(), message.seq(), HISTORY_MESSAGES).stream()
                .map(m -> new AssistantRequest.Turn(m.role(), m.content()))
                .toList();
    }
}
