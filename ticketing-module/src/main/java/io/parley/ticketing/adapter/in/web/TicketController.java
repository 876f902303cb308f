package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.ticketing.application.port.in.ClaimTicketUseCase;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.application.port.in.ListTicketsUseCase;
import io.parley.ticketing.application.port.in.ListTicketsUseCase.ListTicketsQuery;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase.TransitionCommand;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase.UpdateTicketCommand;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Tickets for the agent console: the queue, listing, reading, editing and moving them. Roles are checked by the use cases. */
@Controller("/api/v1/tickets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Tickets")
class TicketController {

    private final ListTicketsUseCase listing;
    private final ClaimTicketUseCase queue;
    private final GetTicketUseCase tickets;
    private final UpdateTicketUseCase updating;
    private final TransitionTicketUseCase transitions;

    TicketController(ListTicketsUseCase listing, ClaimTicketUseCase queue, GetTicketUseCase tickets, UpdateTicketUseCase updating,
                     TransitionTicketUseCase transitions) {
        this.listing = listing;
        this.queue = queue;
        this.tickets = tickets;
        this.updating = updating;
        this.transitions = transitions;
    }

    /** Newest opened first; {@code status} takes one status or several separated by commas; {@code assignee_id} a user id or {@code me}. */
    @Get
    TicketPageResponse list(@Nullable @QueryValue String status, @Nullable @QueryValue("assignee_id") String assigneeId,
                            @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor, Caller caller) {
        return TicketPageResponse.of(listing.list(ListTicketsQuery.of(caller, status, assigneeId, limit, cursor)));
    }

    /** 200 with the claimed ticket, or 204 when the queue is empty. */
    @Post("/claim")
    HttpResponse<TicketResponse> claim(Caller caller) {
        return queue.claimNext(caller).map(TicketResponse::of).map(HttpResponse::ok)
                .orElseGet(HttpResponse::noContent);
    }

    @Get("/{id}")
    TicketResponse get(@PathVariable String id, Caller caller) {
        return TicketResponse.of(tickets.byId(Ids.parseOrNotFound(id, "ticket"), caller));
    }

    @Patch("/{id}")
    TicketResponse update(@PathVariable String id, @Nullable @Body TicketRequests.Update body, Caller caller) {
        TicketRequests.Update request = body == null ? TicketRequests.Update.EMPTY : body;
        return TicketResponse.of(updating.update(UpdateTicketCommand.of(id, caller, request.priorityText(), request.descriptionText(),
                request.metadataObject(), request.versionNumber())));
    }

    @Post("/{id}/transitions")
    TicketResponse transition(@PathVariable String id, @Nullable @Body TicketRequests.Transition body, Caller caller) {
        TicketRequests.Transition request = body == null ? TicketRequests.Transition.EMPTY : body;
        return TicketResponse.of(transitions.transition(TransitionCommand.of(id, caller, request.toText(), request.reasonText(),
                request.assigneeIdText(), request.versionNumber())));
    }

    @Get("/{id}/history")
    TicketHistoryResponse history(@PathVariable String id, Caller caller) {
        return TicketHistoryResponse.of(tickets.history(Ids.parseOrNotFound(id, "ticket"), caller));
    }
}
