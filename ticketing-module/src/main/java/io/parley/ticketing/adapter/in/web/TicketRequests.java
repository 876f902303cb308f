package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.JsonValues;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * Request bodies. Enums and ids arrive as strings and are checked by the use-case commands, so an
 * unknown value is a 422 naming the field rather than a 400 from the JSON reader.
 *
 * <p>Members are declared {@code Object} and read strictly with {@link JsonValues}: bound straight to
 * {@code String} or {@code Long}, {@code {"reason":42}}, {@code {"to":["X"]}}, {@code {"version":"1"}} and
 * {@code {"version":2.7}} would be coerced into something the client never sent; API.md makes them a 400.
 */
final class TicketRequests {

    private TicketRequests() {
    }

    @Serdeable
    record Escalate(@Nullable @Schema(type = "string") Object reason) {

        String reasonText() {
            return JsonValues.text("reason", reason);
        }
    }

    @Serdeable
    record Open(@Nullable @Schema(type = "string") Object description,
                @Nullable @Schema(type = "string", allowableValues = {"low", "normal", "high", "urgent"}) Object priority,
                @Nullable @Schema(type = "object") Object metadata) {

        static final Open EMPTY = new Open(null, null, null);

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
    record Transition(@Nullable @Schema(type = "string") Object to, @Nullable @Schema(type = "string") Object reason,
                      @Nullable @Schema(type = "string", format = "uuid") Object assigneeId,
                      @Nullable @Schema(type = "integer", format = "int64") Object version) {

        static final Transition EMPTY = new Transition(null, null, null, null);

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
    record OwnTransition(@Nullable @Schema(type = "string", allowableValues = {"CLOSED_BY_CLIENT"}) Object to,
                         @Nullable @Schema(type = "string") Object reason) {

        static final OwnTransition EMPTY = new OwnTransition(null, null);

        String toText() {
            return JsonValues.text("to", to);
        }

        String reasonText() {
            return JsonValues.text("reason", reason);
        }
    }

    @Serdeable
    record Update(@Nullable @Schema(type = "string", allowableValues = {"low", "normal", "high", "urgent"}) Object priority,
                  @Nullable @Schema(type = "string") Object description, @Nullable @Schema(type = "object") Object metadata,
                  @Nullable @Schema(type = "integer", format = "int64") Object version) {

        static final Update EMPTY = new Update(null, null, null, null);

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
