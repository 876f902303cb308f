package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;

import java.util.Map;
import java.util.Objects;

/** The AI agent (role service) opens the conversation's ticket early, while it still handles the case itself. */
public interface OpenTicketUseCase {

    Opened open(OpenTicketCommand command);

    record OpenTicketCommand(ConversationLookup conversation, Caller caller, String description, Priority priority,
                             Map<String, Object> metadata) {

        public OpenTicketCommand {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(caller, "caller");
        }

        /** Validates the raw request fields (every broken rule at once, 422), then redacts the text and metadata. */
        public static OpenTicketCommand of(ConversationLookup conversation, Caller caller, String description,
                                           String rawPriority, Map<String, Object> metadata) {
            Validation validation = Validation.check().text(description, "description", 0, Ticket.MAX_DESCRIPTION);
            Priority priority = rawPriority == null ? null : Priority.fromWire(rawPriority).orElse(null);
            validation.require(rawPriority == null || priority != null, "priority", "must be one of low, normal, high, urgent");
            MetadataRules.check(validation, "metadata", metadata);
            validation.throwIfInvalid();
            return new OpenTicketCommand(conversation, caller, Redaction.text(description, Ticket.MAX_DESCRIPTION), priority,
                    Redaction.tree(metadata));
        }
    }

    /** @param created true when this call opened the ticket (201), false when the conversation already had one (200) */
    record Opened(Ticket ticket, boolean created) {
    }
}
