package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.domain.TicketEvent;

import java.util.List;

/** {@code {"items": [{from, to, actor, reason, at}]}}, oldest first; {@code from} is null for the event that opened the ticket. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TicketHistoryResponse(List<Item> items) {

    static TicketHistoryResponse of(List<TicketEvent> events) {
        return new TicketHistoryResponse(events.stream().map(Item::of).toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Item(String from, String to, String actor, String reason, String at) {

        static Item of(TicketEvent event) {
            return new Item(event.from() == null ? null : event.from().wireValue(), event.to().wireValue(), event.actor(),
                    event.reason(), Rfc3339.format(event.at()));
        }
    }
}
