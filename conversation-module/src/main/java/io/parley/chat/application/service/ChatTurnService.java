package io.parley.chat.application.service;

import io.parley.chat.application.port.in.ChatTurnCommand;
import io.parley.chat.application.port.in.ChatTurnResult;
import io.parley.chat.application.port.in.ChatTurnResult.Handoff;
import io.parley.chat.application.port.in.ChatTurnUseCase;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.domain.AssistantStep;
import io.parley.conversation.api.AssistantTraceSink;
import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.MessageView;
import io.parley.conversation.api.WhoAnswers;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.kernel.Validation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A chat turn in three steps, so no database connection is held while the assistant thinks:
 * <ol>
 *   <li>one transaction finds or starts the conversation, appends the customer's (redacted) message and asks
 *       who answers it ({@link WhoAnswers}): while a person holds the conversation the turn ends here, with no
 *       reply and the ticket's current handoff;</li>
 *   <li>the assistant answers, outside any transaction;</li>
 *   <li>one transaction appends the reply; then the handoff is escalated (ticketing's own transaction)
 *       and the turn's trace recorded.</li>
 * </ol>
 * A retried turn (same {@code Idempotency-Key}) finds its message and reply stored and answers with
 * them; a retry that finds no reply yet (the first request failed or is still running) asks the
 * assistant again, and the reply's own idempotency key keeps it to one reply. Escalation is idempotent
 * (one ticket per conversation), so every turn whose reply recommends a handoff asks for it: a retry
 * after a failed escalation tries again, a retry after a good one gets the same ticket back.
 */
@Singleton
public class ChatTurnService implements ChatTurnUseCase {

    /** The agent type of the turn's spans. */
    static final String AGENT_TYPE = "parley-assistant";

    private static final Logger LOG = LoggerFactory.getLogger(ChatTurnService.class);

    private final ChatTurnStore store;
    private final AssistantService assistant;
    private final Optional<Escalation> escalation;
    private final Optional<AssistantTraceSink> traces;
    private final Clock clock;

    /**
     * @param escalation empty when no ticketing module is deployed: a recommended handoff is then reported as {@code pending}
     * @param traces     empty when no tracing module is deployed
     */
    ChatTurnService(ChatTurnStore store, AssistantService assistant, Optional<Escalation> escalation, Optional<AssistantTraceSink> traces,
                    Clock clock) {
        this.store = store;
        this.assistant = assistant;
        this.escalation = escalation;
        this.traces = traces;
        this.clock = clock;
    }

    @Override
    public ChatTurnResult turn(ChatTurnCommand command, Caller caller) {
        int max = store.maxMessageLength();
        Validation.check().require(command.message().codePointCount(0, command.message().length()) <= max,
                "message", "must have at most " + max + " characters").throwIfInvalid();
        Instant started = clock.instant();
        ChatTurnStore.Opened opened = store.open(command, caller);
        ConversationView conversation = opened.conversation();
        if (opened.reply().isEmpty() && opened.person().isPresent()) {
            // a person holds the conversation: the message is stored, the assistant stays silent and escalates nothing
            WhoAnswers.HandoffView held = opened.person().get();
            LOG.debug("chat turn in conversation {}: message {} for the person holding ticket {}", conversation.id(),
                    opened.message().id(), held.ticketNumber());
            return new ChatTurnResult(conversation, opened.message(), null, List.of(), new Handoff(held.recommended(), held.reason(),
                    held.provider(), held.ticketId(), held.ticketNumber(), held.status()), opened.replayed());
        }

        MessageView reply;
        AssistantReply answer = null;
        if (opened.reply().isPresent()) {
            reply = opened.reply().get();
        } else {
            answer = assistant.reply(new AssistantRequest(conversation.id(), conversation.locale(), opened.message().content(),
                    opened.history()));
            ChatTurnStore.StoredReply stored = store.storeReply(conversation, opened.message(), answer);
            reply = stored.message();
            if (!stored.appended()) {
                answer = null; // a concurrent duplicate stored its reply first and records its trace
            }
        }

        Escalated escalated = ChatReplyMetadata.handoffReason(reply).map(reason -> escalate(conversation, opened.customer(), reason))
                .orElse(null);
        if (answer != null) {
            record(conversation, opened.message(), reply, answer, escalated, started);
        }
        LOG.debug("chat turn in conversation {}: message {} reply {} ({}{})", conversation.id(), opened.message().id(), reply.id(),
                opened.replayed() ? "replayed" : "new", escalated == null ? "" : ", handoff " + escalated.handoff().status());
        return new ChatTurnResult(conversation, opened.message(), reply, ChatReplyMetadata.sources(reply),
                escalated == null ? null : escalated.handoff(), opened.replayed());
    }

    /** The handoff object of the response, and what escalating took for the trace. */
    private record Escalated(Handoff handoff, Instant startedAt, Instant endedAt, Escalation.EscalationResult result, String error) {
    }

    private Escalated escalate(ConversationView conversation, Caller customer, String reason) {
        Instant at = clock.instant();
        if (escalation.isEmpty()) {
            return new Escalated(Handoff.recommended(reason, null, null, null, Handoff.PENDING), at, at, null, null);
        }
        try {
            Escalation.EscalationResult result = escalation.get().escalate(conversation.id(), customer, reason);
            String status = result.handoffStatus() == null ? Handoff.PENDING : result.handoffStatus();
            return new Escalated(Handoff.recommended(reason, result.provider(), result.ticketId(), result.ticketNumber(), status),
                    at, clock.instant(), result, null);
        } catch (RuntimeException e) {
            // the customer still gets the reply; retrying the turn with its Idempotency-Key escalates again
            LOG.warn("escalating conversation {} failed ({}); the handoff is reported as failed", conversation.id(),
                    e.getClass().getSimpleName());
            return new Escalated(Handoff.recommended(reason, null, null, null, Handoff.FAILED), at, clock.instant(), null,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * One trace per turn, linked to the reply: a {@code chat_turn} root spanning the whole turn, the
     * assistant's steps (retrieval, generation, handoff decision) under it, and the escalation when
     * there was one. A trace that cannot be recorded is logged and lost: the customer keeps the answer.
     */
    private void record(ConversationView conversation, MessageView customerMessage, MessageView reply, AssistantReply answer,
                        Escalated escalated, Instant started) {
        if (traces.isEmpty()) {
            return;
        }
        UUID traceId = Ids.newId(clock);
        UUID rootId = Ids.newId(clock);
        List<AssistantTraceSink.Span> spans = new ArrayList<>();
        for (AssistantStep step : answer.steps()) {
            spans.add(new AssistantTraceSink.Span(Ids.newId(clock), traceId, rootId, conversation.id(), reply.id(), AGENT_TYPE,
                    step.kind().operationType(), step.name(), step.status(), step.startedAt(), step.endedAt(),
                    step.inputTokens(), step.outputTokens(), null, step.model(), step.details(), step.error()));
        }
        if (escalated != null && (escalated.result() != null || escalated.error() != null)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", escalated.handoff().status());
            if (escalated.result() != null) {
                details.put("ticket_id", escalated.result().ticketId().toString());
                details.put("ticket_number", escalated.result().ticketNumber());
                details.put("ticket_created", escalated.result().created());
            }
            spans.add(new AssistantTraceSink.Span(Ids.newId(clock), traceId, rootId, conversation.id(), reply.id(), AGENT_TYPE,
                    "tool_call", "escalate", escalated.error() == null ? "ok" : "error", escalated.startedAt(), escalated.endedAt(),
                    null, null, null, null, details, escalated.error()));
        }
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("in_reply_to", customerMessage.id().toString());
        turn.put("provider", answer.provider());
        turn.put("intent", answer.intent());
        turn.put("confidence", answer.confidence());
        turn.put("sources", answer.sources().size());
        turn.put("handoff_recommended", answer.handoffRecommended());
        if (escalated != null) {
            turn.put("handoff_status", escalated.handoff().status());
        }
        if (answer.fallbackReason() != null) {
            turn.put("fallback_reason", answer.fallbackReason());
        }
        // tokens stay on the model call's span: the trace totals add up every span
        spans.add(0, new AssistantTraceSink.Span(rootId, traceId, null, conversation.id(), reply.id(), AGENT_TYPE, "other",
                "chat_turn", "ok", started, clock.instant(), null, null, null, null, turn, null));
        try {
            traces.get().record(spans);
        } catch (RuntimeException e) {
            LOG.warn("the trace of the chat turn replying {} could not be recorded ({})", reply.id(), e.getClass().getSimpleName());
        }
    }

}
