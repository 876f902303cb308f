package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.JsonValues;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Request bodies. Enums and ids arrive as strings and are checked by the use-case commands, so an
 * unknown value is a 422 naming the field rather than a 400 from the JSON reader.
 *
 * <p>Members are declared {@code Object} and read strictly with {@link JsonValues}: bound straight to
 * {@code String} or {@code Long}, {@code {"reason":42}}, {@code {"to":["X"]}}, {@code {"version":"1"}} and
 * {@code {"version":2.7}} would be coerced into something the client never sent; docs/api.md makes them a 400.
 */
final class TicketRequests {

    private TicketRequests() {
    }

    @Serdeable
    @Schema(name = "EscalateRequest", example = "{\"reason\": \"The customer asked to talk to a person.\"}")
    record EscalateRequest(@Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1, maxLength = 1000,
            description = "why a person is needed (redacted)") Object reason) {

        String reasonText() {
            return JsonValues.text("reason", reason);
        }
    }

    @Serdeable
    @Schema(name = "OpenTicketRequest")
    record OpenTicketRequest(@Nullable @Schema(type = "string", maxLength = 5000, description = "redacted") Object description,
                             @Nullable @Schema(type = "string", allowableValues = {"low", "normal", "high", "urgent"}, defaultValue = "normal") Object priority,
                             @Nullable @Schema(type = "object", description = "metadata rules of docs/api.md (redacted)") Object metadata) {

        static final OpenTicketRequest EMPTY = new OpenTicketRequest(null, null, null);

        String descriptionText() {
            return JsonValues.text("description", description);
        }

        String priorityText() {
            return JsonValues.text("priority", priority);
        }

        Map<String, Object> metadataObject() {
            return JsonValues.object("metadata", metadata);
        }
    }

    @Serdeable
    @Schema(name = "TicketTransitionRequest", example = "{\"to\": \"CLOSED_RESOLVED\", \"reason\": \"Password reset link sent.\", \"version\": 2}")
    record TransitionRequest(@Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, allowableValues = {"OPEN_AI_HANDLING",
                                     "PENDING_HUMAN_ASSIGNMENT", "ACTIVE_HUMAN_CHAT", "CLOSED_RESOLVED", "CLOSED_BY_CLIENT"}) Object to,
                             @Nullable @Schema(type = "string", maxLength = 1000, description = "recorded in the history (redacted)") Object reason,
                             @Nullable @Schema(type = "string", format = "uuid",
                                     description = "only with to ACTIVE_HUMAN_CHAT: a known user; absent, the caller takes the ticket") Object assigneeId,
                             @Nullable @Schema(type = "integer", format = "int64", minimum = "0",
                                     description = "the version the client read; a stale one is 409") Object version) {

        static final TransitionRequest EMPTY = new TransitionRequest(null, null, null, null);

        String toText() {
            return JsonValues.text("to", to);
        }

        String reasonText() {
            return JsonValues.text("reason", reason);
        }

        String assigneeIdText() {
            return JsonValues.text("assignee_id", assigneeId);
        }

        Long versionNumber() {
            return JsonValues.integer("version", version);
        }
    }

    /** The customer's own move: only {@code to} and an optional {@code reason}. */
    @Serdeable
    @Schema(name = "GuestTicketTransitionRequest", example = "{\"to\": \"CLOSED_BY_CLIENT\", \"reason\": \"Solved it myself.\"}")
    record OwnTransitionRequest(@Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, allowableValues = {"CLOSED_BY_CLIENT"},
                                        description = "the only move a guest makes; another status is 403") Object to,
                                @Nullable @Schema(type = "string", maxLength = 1000, description = "recorded in the history (redacted)") Object reason) {

        static final OwnTransitionRequest EMPTY = new OwnTransitionRequest(null, null);

        String toText() {
            return JsonValues.text("to", to);
        }

        String reasonText() {
            return JsonValues.text("reason", reason);
        }
    }

    @Serdeable
    @Schema(name = "TicketUpdateRequest", description = "At least one of priority, description, metadata; absent members stay as they are",
            example = "{\"version\": 1, \"priority\": \"high\"}")
    record UpdateRequest(@Nullable @Schema(type = "string", allowableValues = {"low", "normal", "high", "urgent"}) Object priority,
                         @Nullable @Schema(type = "string", maxLength = 5000, description = "\"\" clears it (redacted)") Object description,
                         @Nullable @Schema(type = "object", description = "replaces the whole object (redacted)") Object metadata,
                         @Nullable @Schema(type = "integer", format = "int64", minimum = "0", requiredMode = REQUIRED, nullable = false,
                                 description = "the version the client read (optimistic locking)") Object version) {

        static final UpdateRequest EMPTY = new UpdateRequest(null, null, null, null);

        String priorityText() {
            return JsonValues.text("priority", priority);
        }

        String descriptionText() {
            return JsonValues.text("description", description);
        }

        Map<String, Object> metadataObject() {
            return JsonValues.object("metadata", metadata);
        }

        Long versionNumber() {
            return JsonValues.integer("version", version);
        }
    }
}
