package io.parley.tracing.application.port.in;

import io.parley.kernel.Timestamps;
import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Validation;
import io.parley.tracing.domain.OperationType;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanPayload;
import io.parley.tracing.domain.SpanStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A batch of 1..{@value #MAX_SPANS} spans, built by the adapter that received it and validated as a whole
 * when it is made: every broken rule of every span is found at once, named by the span's index
 * ({@code spans[3].ended_at}), and a batch with any broken rule is refused entirely. Payloads are
 * normalized and measured here (see {@link SpanPayload}).
 *
 * <p>Unlike other commands it keeps its verdict instead of throwing it from {@link #of}: the use case
 * first decides whether the caller may record traces at all (403 before 422), and counts the spans of
 * a refused batch whatever refused it; {@link #spans()} throws the refusal.
 */
public final class IngestSpansCommand {

    public static final int MAX_SPANS = 500;
    /** A problem body listing thousands of errors helps nobody; the first ones name the mistake. */
    public static final int MAX_REPORTED_ERRORS = 100;

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final int offered;
    private final List<Span> spans;
    private final RuleViolationException refusal;

    private IngestSpansCommand(int offered, List<Span> spans, RuleViolationException refusal) {
        this.offered = offered;
        this.spans = spans;
        this.refusal = refusal;
    }

    /** Validates and converts the raw spans as the client sent them; never throws (see the class comment). */
    public static IngestSpansCommand of(List<SpanInput> inputs) {
        int offered = inputs == null ? 0 : inputs.size();
        try {
            return new IngestSpansCommand(offered, List.copyOf(parse(inputs)), null);
        } catch (RuleViolationException refusal) {
            return new IngestSpansCommand(offered, null, refusal);
        }
    }

    /** How many spans the client sent, valid or not. */
    public int offered() {
        return offered;
    }

    /**
     * The valid batch.
     *
     * @throws RuleViolationException naming every broken rule, when the batch was refused
     */
    public List<Span> spans() {
        if (refusal != null) {
            throw refusal;
        }
        return spans;
    }

    private static List<Span> parse(List<SpanInput> inputs) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_SPANS) {
            throw new RuleViolationException("spans", "must contain 1 to " + MAX_SPANS + " spans");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Span> spans = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Parser parser = new Parser("spans[" + i + "].");
            Span span = parser.span(inputs.get(i));
            if (span == null) {
                errors.addAll(parser.errors());
            } else {
                spans.add(span);
            }
        }
        throwIfAny(errors);
        return spans;
    }

    /** Throws the errors as one rule violation, if there are any. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw violation(errors);
        }
    }

    /** One rule violation listing the first {@value #MAX_REPORTED_ERRORS} errors and how many more there are. */
    public static RuleViolationException violation(List<FieldError> errors) {
        if (errors.size() <= MAX_REPORTED_ERRORS) {
            return new RuleViolationException(errors);
        }
        List<FieldError> shown = new ArrayList<>(errors.subList(0, MAX_REPORTED_ERRORS));
        shown.add(new FieldError("spans", (errors.size() - MAX_REPORTED_ERRORS) + " more errors not listed"));
        return new RuleViolationException(shown);
    }

    /** Parses one span, collecting its errors under a field prefix. */
    private static final class Parser {

        private final String prefix;
        private final List<FieldError> errors = new ArrayList<>();

        Parser(String prefix) {
            this.prefix = prefix;
        }

        List<FieldError> errors() {
            return errors;
        }

        Span span(SpanInput in) {
            if (in == null) {
                fail("", "must be a span object");
                return null;
            }
            UUID id = uuid(in.id(), "id", true);
            UUID traceId = uuid(in.traceId(), "trace_id", true);
            UUID parentId = uuid(in.parentId(), "parent_id", false);
            if (id != null && id.equals(parentId)) {
                fail("parent_id", "must not be the span's own id");
            }
            UUID conversationId = uuid(in.conversationId(), "conversation_id", true);
            UUID messageId = uuid(in.messageId(), "message_id", false);
            text(in.agentType(), "agent_type", 1, Span.AGENT_TYPE_MAX);
            OperationType operationType = null;
            if (in.operationType() == null) {
                fail("operation_type", "is required");
            } else {
                operationType = OperationType.fromWire(in.operationType()).orElse(null);
                if (operationType == null) {
                    fail("operation_type", "must be one of " + OperationType.WIRE_VALUES);
                }
            }
            text(in.name(), "name", 1, Span.NAME_MAX);
            SpanStatus status = null;
            if (in.status() == null) {
                fail("status", "is required");
            } else {
                status = SpanStatus.fromWire(in.status()).orElse(null);
                if (status == null) {
                    fail("status", "must be ok or error");
                }
            }
            Instant startedAt = instant(in.startedAt(), "started_at", true);
            Instant endedAt = instant(in.endedAt(), "ended_at", false);
            if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
                fail("ended_at", "must not be before started_at");
            }
            Integer inputTokens = tokens(in.inputTokens(), "input_tokens");
            Integer outputTokens = tokens(in.outputTokens(), "output_tokens");
            BigDecimal cost = cost(in.costUsd());
            if (in.model() != null) {
                text(in.model(), "model", 1, Span.MODEL_MAX);
            }
            if (in.error() != null) {
                text(in.error(), "error", 1, Span.ERROR_MAX);
            }
            SpanPayload.Normalized payload = null;
            if (in.payload() != null) {
                try {
                    payload = SpanPayload.normalize(in.payload());
                } catch (SpanPayload.InvalidPayloadException e) {
                    fail("payload", e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new Span(id, traceId, parentId, conversationId, messageId, in.agentType(), operationType, in.name(), status,
                    startedAt, endedAt, inputTokens, outputTokens, cost, in.model(),
                    payload == null ? null : payload.tree(), in.error());
        }

        private UUID uuid(String raw, String field, boolean required) {
            if (raw == null) {
                if (required) {
                    fail(field, "is required");
                }
                return null;
            }
            if (!UUID_TEXT.matcher(raw).matches()) {
                fail(field, "must be a UUID");
                return null;
            }
            return UUID.fromString(raw);
        }

        private void text(String value, String field, int min, int max) {
            Validation check = Validation.check().text(value, prefix + field, min, max);
            if (!check.isValid()) {
                try {
                    check.throwIfInvalid();
                } catch (RuleViolationException e) {
                    errors.addAll(e.errors());
                }
            }
        }

        private Instant instant(String raw, String field, boolean required) {
            if (raw == null) {
                if (required) {
                    fail(field, "is required");
                }
                return null;
            }
            Instant instant = Timestamps.parse(raw).orElse(null);
            if (instant == null) {
                fail(field, Timestamps.FORMAT_MESSAGE);
                return null;
            }
            if (!Timestamps.inRange(instant)) {
                fail(field, Timestamps.RANGE_MESSAGE);
                return null;
            }
            // PostgreSQL keeps microseconds: cut here so what is validated is what is stored
            return instant.truncatedTo(ChronoUnit.MICROS);
        }

        private Integer tokens(Long value, String field) {
            if (value == null) {
                return null;
            }
            if (value < 0 || value > Integer.MAX_VALUE) {
                fail(field, "must be an integer between 0 and " + Integer.MAX_VALUE);
                return null;
            }
            return value.intValue();
        }

        private BigDecimal cost(BigDecimal value) {
            if (value == null) {
                return null;
            }
            BigDecimal rounded = value.signum() < 0 || value.compareTo(Span.COST_LIMIT) >= 0 ? value
                    // rounding 1e-999999999 to micro-dollars would build a billion-digit divisor: tiny values are zero
                    : (long) value.precision() - value.scale() < -Span.COST_SCALE ? BigDecimal.ZERO.setScale(Span.COST_SCALE)
                    : value.setScale(Span.COST_SCALE, RoundingMode.HALF_UP);
            if (rounded.signum() < 0 || rounded.compareTo(Span.COST_LIMIT) >= 0) {
                fail("cost_usd", "must be at least 0 and below " + Span.COST_LIMIT.toPlainString());
                return null;
            }
            return rounded;
        }

        private void fail(String field, String message) {
            String name = field.isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + field;
            errors.add(new FieldError(name, message));
        }
    }
}
