package io.parley.tracing.application.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.FieldError;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import io.parley.tracing.application.port.in.IngestSpansUseCase;
import io.parley.tracing.application.port.out.SaveSpansPort;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanPayload;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates a batch as a whole, redacts payloads and error texts, then stores the batch in one statement
 * that skips ids already stored: one round trip and no transaction of its own (the statement is atomic).
 * The conversations are not looked up first: their foreign key refuses an unknown one, and only then are they
 * looked up, to name every span that names a missing one.
 */
@Singleton
public class SpanIngestionService implements IngestSpansUseCase {

    private final SaveSpansPort store;
    private final ConversationDirectory conversations;
    private final Redactor redactor;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    @Inject
    public SpanIngestionService(SaveSpansPort store, ConversationDirectory conversations, MeterRegistry meters) {
        this(store, conversations, Redactor.standard(), meters);
    }

    SpanIngestionService(SaveSpansPort store, ConversationDirectory conversations, Redactor redactor, MeterRegistry meters) {
        this.store = store;
        this.conversations = conversations;
        this.redactor = redactor;
        this.accepted = spans(meters, "accepted");
        this.duplicates = spans(meters, "duplicate");
        this.rejected = spans(meters, "rejected");
    }

    private static Counter spans(MeterRegistry meters, String outcome) {
        return Counter.builder("parley.traces.spans")
                .description("Agent trace spans offered for ingestion, by outcome (rejected: in a refused batch)")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public IngestResult ingest(IngestSpansCommand command, Caller caller) {
        if (!caller.has(Role.SERVICE)) {
            throw new ForbiddenException("Only the service records agent traces.");
        }
        int offered = command.offered();
        try {
            RedactedBatch batch = redact(command.spans());
            List<Span> unique = firstOfEachId(batch.spans());
            int inserted = insert(unique, batch.spans());
            accepted.increment(inserted);
            duplicates.increment(offered - inserted);
            return new IngestResult(inserted, offered - inserted, batch.redactions());
        } catch (RuleViolationException e) {
            rejected.increment(offered);
            throw e;
        }
    }

    private record RedactedBatch(List<Span> spans, int redactions) {
    }

    /**
     * Secrets in the free text (name, payload, error) are replaced before anything is stored. A payload
     * that grew past the limit through it is refused; a name or error text that grew is cut (they are
     * labels and diagnostics, and the client could not have avoided it).
     */
    private RedactedBatch redact(List<Span> spans) {
        List<Span> redacted = new ArrayList<>(spans.size());
        List<FieldError> errors = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            Map<String, Object> payload = null;
            if (span.payload() != null) {
                Redacted<Object> tree = redactor.redactTree(span.payload());
                count += tree.count();
                try {
                    payload = SpanPayload.normalize(tree.value()).tree();
                } catch (SpanPayload.InvalidPayloadException e) {
                    errors.add(new FieldError("spans[" + i + "].payload", e.getMessage()));
                }
            }
            Redacted<String> name = redactor.redactToFit(span.name(), Span.NAME_MAX);
            Redacted<String> error = redactor.redactToFit(span.error(), Span.ERROR_MAX);
            count += name.count() + error.count();
            redacted.add(span.withContent(name.value(), payload, error.value()));
        }
        IngestSpansCommand.throwIfAny(errors);
        return new RedactedBatch(redacted, count);
    }

    /** Only after the store refused a reference: asks once per conversation, names every span of a missing one. */
    private void requireConversations(List<Span> spans) {
        Map<UUID, Boolean> exists = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            UUID conversationId = spans.get(i).conversationId();
            if (!exists.computeIfAbsent(conversationId, id -> conversations.find(id).isPresent())) {
                errors.add(new FieldError("spans[" + i + "].conversation_id", "no such conversation"));
            }
        }
        IngestSpansCommand.throwIfAny(errors);
    }

    /** An id repeated inside one batch is a duplicate like one stored before: the first occurrence wins. */
    private static List<Span> firstOfEachId(List<Span> spans) {
        Set<UUID> seen = new HashSet<>();
        List<Span> unique = new ArrayList<>(spans.size());
        for (Span span : spans) {
            if (seen.add(span.id())) {
                unique.add(span);
            }
        }
        return unique;
    }

    private int insert(List<Span> unique, List<Span> all) {
        try {
            return store.insertNew(unique);
        } catch (SaveSpansPort.MissingReferenceException e) {
            requireConversations(all);
            // a message that does not exist (or a conversation erased since the lookup just made)
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                UUID named = "message_id".equals(e.field()) ? all.get(i).messageId() : all.get(i).conversationId();
                if (named != null && named.equals(e.value())) {
                    errors.add(new FieldError("spans[" + i + "]." + e.field(), "no such " + e.field().replace("_id", "")));
                }
            }
            if (errors.isEmpty()) {
                errors.add(new FieldError("spans", "a span names a conversation or message that does not exist"));
            }
            throw IngestSpansCommand.violation(errors);
        }
    }
}
