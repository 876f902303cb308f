package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.Page;
import io.parley.ticketing.domain.Ticket;

import java.util.List;

/** {@code {"items": [...], "next_cursor": "..." | null}} */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TicketPageResponse(List<TicketResponse> items, String nextCursor) {

    static TicketPageResponse of(Page<Ticket> page) {
        return new TicketPageResponse(page.items().stream().map(TicketResponse::of).toList(), page.nextCursor());
    }
}
