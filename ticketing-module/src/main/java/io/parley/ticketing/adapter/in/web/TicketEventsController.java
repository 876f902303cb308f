package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.live.LiveBatch;
import io.parley.live.LiveEvent;
import io.parley.live.LiveResponses;
import io.parley.live.LiveStreams;
import io.parley.live.LiveTopics;
import io.parley.live.StreamSpec;
import io.parley.ticketing.application.port.in.QueuePosition;
import io.parley.ticketing.application.port.in.WatchTicketsUseCase;
import io.parley.ticketing.domain.TicketChange;
import io.parley.kernel.StreamLimitResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Set;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_TICKETS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;

/**
 * The live queue for the agent console: {@code ticket.updated} for every ticket created or changed
 * (status, assignee, priority, ...), in change order, with the ticket as {@code GET /api/v1/tickets/{id}}
 * answers it. Agents and admins only. Resumable with {@code Last-Event-ID} like every stream.
 */
@Controller("/api/v1/tickets/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = TAG_TICKETS)
@SecurityRequirement(name = BEARER)
class TicketEventsController {

    /** The notification kind the tickets trigger sends. */
    static final String TICKET_KIND = "t";

    private final WatchTicketsUseCase tickets;
    private final LiveStreams streams;

    TicketEventsController(WatchTicketsUseCase tickets, LiveStreams streams) {
        this.tickets = tickets;
        this.streams = streams;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(operationId = "streamTicketEvents", summary = "The ticket queue's live events (agent, admin)",
            description = "text/event-stream of ticket.updated for every ticket created or changed; send Last-Event-ID to resume after"
                    + " an event (400 when it is not an id of this stream). Read it with fetch() and the Authorization header.")
    @ApiResponse(responseCode = "200", description = "The stream: it opens with the comment \": open\", sends \": keep-alive\" every"
            + " 15 s and ends after 30 min (reconnect with Last-Event-ID)", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM,
            schema = @Schema(type = "string", description = "events: id, event (ticket.updated) and data (the Ticket as JSON)")))
    @ApiResponse(responseCode = "400", description = "Last-Event-ID is not an id this stream issued (field Last-Event-ID)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @StreamLimitResponses
    HttpResponse<Flux<Event<Object>>> queueEvents(@Nullable @Header("Last-Event-ID") @Parameter(name = "Last-Event-ID",
                                                          description = "The id of the last event seen: the stream resumes after it;"
                                                                  + " absent, it starts now") String lastEventId,
                                                  @Parameter(hidden = true) Caller caller) {
        long start = tickets.watchQueue(caller, lastEventId);
        return LiveResponses.ok(streams.open(new StreamSpec<>("user:" + caller.subject(), Set.of(LiveTopics.kind(TICKET_KIND)), start,
                (after, limit, changes) -> batch(tickets.queueChangesAfter(after, limit + 1), limit))));
    }

    static LiveBatch<Long> batch(List<TicketChange> changes, int limit) {
        List<LiveEvent<Long>> events = changes.stream().limit(limit)
                .map(change -> new LiveEvent<>("ticket.updated", new QueuePosition(change.number()).wire(),
                        (Object) TicketResponse.of(change.ticket()), change.number()))
                .toList();
        return LiveBatch.of(events, changes.size() > limit);
    }
}
