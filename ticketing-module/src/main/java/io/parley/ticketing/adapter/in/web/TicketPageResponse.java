package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.Page;
import io.parley.ticketing.domain.Ticket;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code {"items": [...], "next_cursor": "..." | null}} */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TicketPage")
record TicketPageResponse(List<TicketResponse> items,
                          @Nullable @Schema(requiredMode = REQUIRED, description = "null on the last page") String nextCursor) {

    static TicketPageResponse of(Page<Ticket> page) {
        return new TicketPageResponse(page.items().stream().map(TicketResponse::of).toList(), page.nextCursor());
    }
}
