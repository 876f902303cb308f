package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.adapter.in.web.Requests.AppendMessage;
import io.parley.conversation.adapter.in.web.Requests.GiveFeedback;
import io.parley.conversation.adapter.in.web.Responses.ConversationBody;
import io.parley.conversation.adapter.in.web.Responses.FeedbackBody;
import io.parley.conversation.adapter.in.web.Responses.MessageBody;
import io.parley.conversation.adapter.in.web.Responses.MessagePage;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.GetConversationUseCase;
import io.parley.kernel.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.InputStream;

/**
 * {@code /api/v1/sessions/{session_id}}: the guest routes. No token is needed: the unguessable
 * session id is the capability for that one guest conversation (a user's conversation is not
 * opened by its session id, only by its owner's token).
 */
@Controller("/api/v1/sessions/{session_id}")
@Secured(SecurityRule.IS_ANONYMOUS)
class GuestSessionController {

    private final GetConversationUseCase getConversation;
    private final ConversationEndpoints endpoints;

    GuestSessionController(GetConversationUseCase getConversation, ConversationEndpoints endpoints) {
        this.getConversation = getConversation;
        this.endpoints = endpoints;
    }

    @Get
    ConversationBody get(@PathVariable("session_id") String sessionId, @Parameter(hidden = true) Caller caller) {
        return ConversationBody.of(getConversation.get(ConversationRef.session(sessionId), caller), true);
    }

    @Get("/messages")
    @Operation(summary = ConversationEndpoints.HISTORY_SUMMARY)
    MessagePage messages(@PathVariable("session_id") String sessionId,
                         @Nullable @QueryValue @Parameter(description = ConversationEndpoints.ORDER_DESCRIPTION,
                                 schema = @Schema(type = "string", allowableValues = {"asc", "desc"}, defaultValue = "asc")) String order,
                         @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor,
                         @Parameter(hidden = true) Caller caller) {
        return endpoints.messages(ConversationRef.session(sessionId), order, limit, cursor, caller);
    }

    /** Not in API.md's guest list, added: API.md lets guests write {@code user} messages, and this is where they can. */
    @Post("/messages")
    HttpResponse<MessageBody> append(@PathVariable("session_id") String sessionId, @Body AppendMessage body,
                                     @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                     @Parameter(hidden = true) Caller caller) {
        // a guest can only write as the customer: an absent role means "user" (any other role is still the use case's 403/422)
        AppendMessage message = body.role() != null ? body
                : new AppendMessage("user", body.content(), body.intent(), body.confidence(), body.metadata());
        return endpoints.append(ConversationRef.session(sessionId), message, idempotencyKey, caller);
    }

    @Get(value = "/transcript", produces = {MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON})
    HttpResponse<InputStream> transcript(@PathVariable("session_id") String sessionId, @Nullable @QueryValue String format,
                                         @Parameter(hidden = true) Caller caller) {
        return endpoints.transcript(ConversationRef.session(sessionId), format, caller);
    }

    @Put("/feedback")
    FeedbackBody feedback(@PathVariable("session_id") String sessionId, @Body GiveFeedback body,
                          @Parameter(hidden = true) Caller caller) {
        return endpoints.feedback(ConversationRef.session(sessionId), body, caller);
    }
}
