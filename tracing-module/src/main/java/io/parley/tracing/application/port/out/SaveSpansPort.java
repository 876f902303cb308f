package io.parley.tracing.application.port.out;

import io.parley.tracing.domain.Span;

import java.util.List;
import java.util.UUID;

/** Stores spans. */
public interface SaveSpansPort {

    /**
     * Inserts the spans in one round trip, leaving any span whose id is already stored untouched.
     * All or nothing: when one span cannot be stored, none is.
     *
     * @return how many spans were new
     * @throws MissingReferenceException when a span names a conversation or message that does not exist
     */
    int insertNew(List<Span> spans);

    /** A span names a row that does not exist; {@code field} is {@code conversation_id} or {@code message_id}, value null when unknown. */
    final class MissingReferenceException extends RuntimeException {

        private final String field;
        private final UUID value;

        public MissingReferenceException(String field, UUID value) {
            super(field + " names nothing", null, false, false);
            this.field = field;
            this.value = value;
        }

        public String field() {
            return field;
        }

        public UUID value() {
            return value;
        }
    }
}
