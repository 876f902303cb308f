package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Changes a ticket's priority, description or metadata (agents, admins, the AI service), guarded by
 * the version the client read: a stale one is a 409 naming the current version.
 */
public interface UpdateTicketUseCase {

    Ticket update(UpdateTicketCommand command);

    /** Null fields stay as they are; {@code metadata} replaces the whole object; an empty description clears it. */
    record UpdateTicketCommand(UUID ticketId, Caller caller, Priority priority, String description,
                               Map<String, Object> metadata, long expectedVersion) {

        public UpdateTicketCommand {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(caller, "caller");
        }

        public static UpdateTicketCommand of(String rawTicketId, Caller caller, String rawPriority, String description,
                                             Map<String, Object> metadata, Long version) {
            UUID ticketId = Ids.parseOrNotFound(rawTicketId, "ticket");
            Validation validation = Validation.check();
            Priority priority = rawPriority == null ? null : Priority.fromWire(rawPriority).orElse(null);
            validation.require(rawPriority == null || priority != null, "priority", "must be one of low, normal, high, urgent");
            validation.text(description, "description", 0, Ticket.MAX_DESCRIPTION);
            MetadataRules.check(validation, metadata, "metadata");
            validation.require(version != null, "version", "is required (the version you read)");
            validation.require(version == null || version >= 0, "version", "must not be negative");
            validation.require(rawPriority != null || description != null || metadata != null, "body",
                    "give at least one of priority, description, metadata");
            validation.throwIfInvalid();
            return new UpdateTicketCommand(ticketId, caller, priority, Redaction.text(description, Ticket.MAX_DESCRIPTION),
                    Redaction.tree(metadata), version);
        }
    }
}
