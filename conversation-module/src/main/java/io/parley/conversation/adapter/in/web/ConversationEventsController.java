package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.adapter.in.web.ConversationResponses.ConversationResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessageResponse;
import io.parley.conversation.api.TicketFeed;
import io.parley.conversation.application.port.in.ConversationChangeKind;
import io.parley.conversation.application.port.in.ConversationChanges;
import io.parley.conversation.application.port.in.ConversationPosition;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ConversationWatch;
import io.parley.conversation.application.port.in.WatchConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.live.LiveBatch;
import io.parley.live.LiveChanges;
import io.parley.live.LiveEvent;
import io.parley.live.LiveResponses;
import io.parley.live.LiveStreams;
import io.parley.live.LiveTopics;
import io.parley.live.StreamSpec;
import io.parley.kernel.StreamLimitResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.NOT_FOUND_SESSION;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.SESSION_ID;
import static io.parley.kernel.ApiDocs.TAG_CONVERSATIONS;
import static io.parley.kernel.ApiDocs.TAG_SESSIONS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED_GUEST;

/**
 * A conversation's live events as Server-Sent Events: {@code message.created} (the message as the history
 * returns it), {@code ticket.updated} (the ticket as its routes return it), {@code conversation.updated}
 * (the conversation, when it is closed). Who may read the conversation may follow it, on the same terms
 * (someone else's: 404). Each event's id is the stream's position; {@code Last-Event-ID} resumes after it
 * with every event exactly once, read back from the database; without it the stream starts now.
 */
@Controller("/api/v1")
@ApiResponse(responseCode = "200", description = ConversationEventsController.STREAM, content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM,
        schema = @Schema(type = "string", description = "events: id, event (message.created, ticket.updated, conversation.updated) and"
                + " data (the Message, Ticket or Conversation as JSON); comment lines (: open, : keep-alive) in between")))
@ApiResponse(responseCode = "400", description = "Last-Event-ID is not an id this stream issued (field Last-Event-ID)",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@StreamLimitResponses
class ConversationEventsController {

    static final String STREAM = "The stream: it opens with the comment \": open\", sends \": keep-alive\" every 15 s and ends after"
            + " 30 min (reconnect with Last-Event-ID)";
    static final String LAST_EVENT_ID = "The id of the last event seen: the stream resumes after it, every event exactly once;"
            + " absent, it starts now";

    static final String MESSAGE_CREATED = "message.created";
    static final String TICKET_UPDATED = "ticket.updated";
    static final String CONVERSATION_UPDATED = "conversation.updated";
    /** Notification kinds (migration V202612051411 and ticketing's V202612051412). */
    static final String MESSAGE_KIND = "m";
    static final String CONVERSATION_KIND = "c";
    static final String TICKET_KIND = "t";
    private static final String EVENTS_DESCRIPTION = "text/event-stream of message.created, ticket.updated and conversation.updated;"
            + " send Last-Event-ID to resume after an event (400 when it is not an id of this stream). Read it with fetch()"
            + " and the Authorization header: EventSource cannot send one.";

    private final WatchConversationUseCase watching;
    private final LiveStreams streams;

    ConversationEventsController(WatchConversationUseCase watching, LiveStreams streams) {
        this.watching = watching;
        this.streams = streams;
    }

    @Get(value = "/conversations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "streamConversationEvents", summary = "The conversation's live events", description = EVENTS_DESCRIPTION)
    @Tag(name = TAG_CONVERSATIONS)
    @SecurityRequirement(name = BEARER)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<Flux<Event<Object>>> conversationEvents(@PathVariable @Parameter(description = "The conversation's id",
                                                                 schema = @Schema(format = "uuid")) String id,
                                                         @Nullable @Header("Last-Event-ID") @Parameter(name = "Last-Event-ID",
                                                                 description = LAST_EVENT_ID) String lastEventId,
                                                         @Parameter(hidden = true) Caller caller) {
        ConversationWatch watch = watching.watch(ConversationRef.id(id), caller, lastEventId);
        return open("user:" + caller.subject(), watch);
    }

    /** The guest's variant: the session id is the capability, as on every guest route. */
    @Get(value = "/sessions/{session_id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "streamSessionEvents", summary = "The guest conversation's live events", description = EVENTS_DESCRIPTION,
            security = {})
    @Tag(name = TAG_SESSIONS)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND_SESSION,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<Flux<Event<Object>>> sessionEvents(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID)
                                                    String sessionId,
                                                    @Nullable @Header("Last-Event-ID") @Parameter(name = "Last-Event-ID",
                                                            description = LAST_EVENT_ID) String lastEventId,
                                                    @Parameter(hidden = true) Caller caller) {
        ConversationWatch watch = watching.watch(ConversationRef.session(sessionId), caller, lastEventId);
        return open("session:" + sessionId, watch);
    }

    private HttpResponse<Flux<Event<Object>>> open(String callerKey, ConversationWatch watch) {
        return LiveResponses.ok(streams.open(new StreamSpec<>(callerKey, Set.of(LiveTopics.conversation(watch.conversationId())),
                watch.start(), (position, limit, changes) ->
                        batch(watch, position, watching.changesAfter(watch, position, limit, kinds(changes))))));
    }

    /**
     * The notification kinds (the payload's {@code k}) as the parts of the conversation to read: {@code m}
     * and {@code c} are this module's triggers', {@code t} the ticketing module's; any other kind reads everything.
     */
    static Set<ConversationChangeKind> kinds(LiveChanges changes) {
        if (changes.isEverything()) {
            return ConversationChangeKind.any();
        }
        Set<ConversationChangeKind> kinds = EnumSet.noneOf(ConversationChangeKind.class);
        for (String kind : changes.kinds()) {
            switch (kind) {
                case MESSAGE_KIND -> kinds.add(ConversationChangeKind.MESSAGES);
                case TICKET_KIND -> kinds.add(ConversationChangeKind.TICKET);
                case CONVERSATION_KIND -> kinds.add(ConversationChangeKind.STATUS);
                default -> {
                    return ConversationChangeKind.any();
                }
            }
        }
        return kinds;
    }

    /**
     * The changes as events, each with the position after it as its id. Messages keep their seq order; the
     * ticket goes before the first message written after it changed; the closed conversation goes last,
     * unless the ticket changed after it closed.
     */
    static LiveBatch<ConversationPosition> batch(ConversationWatch watch, ConversationPosition after, ConversationChanges changes) {
        if (changes.gone()) {
            return LiveBatch.end();
        }
        List<Object> timeline = new ArrayList<>(changes.messages());
        changes.ticket().ifPresent(ticket -> {
            int index = 0;
            while (index < timeline.size() && !((Message) timeline.get(index)).createdAt().isAfter(ticket.at())) {
                index++;
            }
            timeline.add(index, ticket);
        });
        changes.closed().ifPresent(conversation -> {
            int last = timeline.size() - 1;
            boolean ticketAfterClosing = last >= 0 && timeline.get(last) instanceof TicketFeed.TicketChange ticket
                    && conversation.endedAt() != null && ticket.at().isAfter(conversation.endedAt());
            timeline.add(ticketAfterClosing ? last : timeline.size(), conversation);
        });
        List<LiveEvent<ConversationPosition>> events = new ArrayList<>(timeline.size());
        ConversationPosition position = after;
        for (Object item : timeline) {
            if (item instanceof Message message) {
                position = position.withSeq(message.seq());
                events.add(new LiveEvent<>(MESSAGE_CREATED, position.wire(), MessageResponse.of(message), position));
            } else if (item instanceof TicketFeed.TicketChange ticket) {
                position = position.withTicketChange(ticket.change());
                events.add(new LiveEvent<>(TICKET_UPDATED, position.wire(), ticket.body(), position));
            } else {
                position = position.asClosed();
                events.add(new LiveEvent<>(CONVERSATION_UPDATED, position.wire(),
                        ConversationResponse.of((Conversation) item, watch.customerView()), position));
            }
        }
        return LiveBatch.of(events, changes.moreMessages());
    }
}
