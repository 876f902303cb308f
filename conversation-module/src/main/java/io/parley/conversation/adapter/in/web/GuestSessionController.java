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
import io.parley.conversation.adapter.in.web.ConversationRequests.AppendMessageRequest;
import io.parley.conversation.adapter.in.web.ConversationRequests.GiveFeedbackRequest;
import io.parley.conversation.adapter.in.web.ConversationResponses.ConversationResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.FeedbackResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessageResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessagePageResponse;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.GetConversationUseCase;
import io.parley.kernel.Caller;
import io.parley.kernel.BodyProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.InputStream;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.CURSOR;
import static io.parley.kernel.ApiDocs.IDEMPOTENCY_KEY;
import static io.parley.kernel.ApiDocs.LIMIT;
import static io.parley.kernel.ApiDocs.NOT_FOUND_SESSION;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.SESSION_ID;
import static io.parley.kernel.ApiDocs.TAG_SESSIONS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED_GUEST;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/**
 * {@code /api/v1/sessions/{session_id}}: the guest routes. No token is needed: the unguessable
 * session id is the capability for that one guest conversation (a user's conversation is not
 * opened by its session id, only by its owner's token).
 */
@Controller("/api/v1/sessions/{session_id}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = TAG_SESSIONS)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "404", description = NOT_FOUND_SESSION,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class GuestSessionController {

    private final GetConversationUseCase getConversation;
    private final ConversationEndpoints endpoints;

    GuestSessionController(GetConversationUseCase getConversation, ConversationEndpoints endpoints) {
        this.getConversation = getConversation;
        this.endpoints = endpoints;
    }

    @Get
    @Operation(operationId = "getSession", summary = "The guest's conversation (with its session_id)", security = {})
    @ApiResponse(responseCode = "200", description = "The conversation", useReturnTypeSchema = true)
    ConversationResponse get(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId, @Parameter(hidden = true) Caller caller) {
        return ConversationResponse.of(getConversation.get(ConversationRef.session(sessionId), caller), true);
    }

    @Get("/messages")
    @Operation(operationId = "listSessionMessages", summary = ConversationEndpoints.HISTORY_SUMMARY, security = {})
    @ApiResponse(responseCode = "200", description = "A page of messages", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    MessagePageResponse messages(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId,
                                 @Nullable @QueryValue @Parameter(description = ConversationEndpoints.ORDER_DESCRIPTION,
                                         schema = @Schema(type = "string", allowableValues = {"asc", "desc"}, defaultValue = "asc")) String order,
                                 @Nullable @QueryValue @Parameter(description = LIMIT,
                                         schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) String limit,
                                 @Nullable @QueryValue @Parameter(description = CURSOR) String cursor,
                                 @Parameter(hidden = true) Caller caller) {
        return endpoints.messages(ConversationRef.session(sessionId), order, limit, cursor, caller);
    }

    /** Guests write {@code user} messages here (docs/api.md "Guest sessions"). */
    @Post("/messages")
    @Operation(operationId = "appendSessionMessage", summary = "The guest appends a message", security = {},
            description = "As POST /api/v1/conversations/{id}/messages; role may be omitted (user), any other role is 403.")
    @ApiResponse(responseCode = "201", description = "The message", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The first message, for a repeated Idempotency-Key", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = "A role other than user",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "The conversation is closed (conversation_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    HttpResponse<MessageResponse> append(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId, @Body AppendMessageRequest body,
                                     @Nullable @Header("Idempotency-Key") @Parameter(name = "Idempotency-Key", description = IDEMPOTENCY_KEY,
                                             schema = @Schema(type = "string", minLength = 1, maxLength = 128)) String idempotencyKey,
                                     @Parameter(hidden = true) Caller caller) {
        // a guest can only write as the customer: an absent role means "user" (any other role is still the use case's 403/422)
        AppendMessageRequest message = body.role() != null ? body
                : new AppendMessageRequest("user", body.content(), body.intent(), body.confidence(), body.metadata());
        return endpoints.append(ConversationRef.session(sessionId), message, idempotencyKey, caller);
    }

    @Get(value = "/transcript", produces = {MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getSessionTranscript", summary = ConversationEndpoints.TRANSCRIPT_SUMMARY, security = {},
            description = ConversationEndpoints.TRANSCRIPT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The transcript in the format asked for", content = {
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string")),
            @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationResponses.TranscriptResponse.class))})
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<InputStream> transcript(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId,
                                         @Nullable @QueryValue @Parameter(description = ConversationEndpoints.FORMAT_DESCRIPTION,
                                                 schema = @Schema(type = "string", allowableValues = {"text", "markdown", "json"},
                                                         defaultValue = "text")) String format,
                                         @Parameter(hidden = true) Caller caller) {
        return endpoints.transcript(ConversationRef.session(sessionId), format, caller);
    }

    @Put("/feedback")
    @Operation(operationId = "giveSessionFeedback", summary = "The guest rates the conversation", security = {},
            description = "One rating per conversation; a repeat replaces it. Closed conversations can be rated.")
    @ApiResponse(responseCode = "200", description = "The feedback", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    FeedbackResponse feedback(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId, @Body GiveFeedbackRequest body,
                          @Parameter(hidden = true) Caller caller) {
        return endpoints.feedback(ConversationRef.session(sessionId), body, caller);
    }
}
