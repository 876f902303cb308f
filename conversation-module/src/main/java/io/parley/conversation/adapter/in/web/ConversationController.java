package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.adapter.in.web.ConversationRequests.AppendMessageRequest;
import io.parley.conversation.adapter.in.web.ConversationRequests.GiveFeedbackRequest;
import io.parley.conversation.adapter.in.web.ConversationRequests.SetSummaryRequest;
import io.parley.conversation.adapter.in.web.ConversationRequests.StartConversationRequest;
import io.parley.conversation.adapter.in.web.ConversationResponses.ConversationResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.ConversationPageResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.FeedbackResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessageResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessagePageResponse;
import io.parley.conversation.application.port.in.CloseConversationUseCase;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.EraseConversationUseCase;
import io.parley.conversation.application.port.in.GetConversationUseCase;
import io.parley.conversation.application.port.in.ListConversationsQuery;
import io.parley.conversation.application.port.in.ListMyConversationsUseCase;
import io.parley.conversation.application.port.in.SetConversationSummaryCommand;
import io.parley.conversation.application.port.in.SetConversationSummaryUseCase;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.JsonValues;
import io.parley.kernel.BodyProblemResponses;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.CURSOR;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.IDEMPOTENCY_KEY;
import static io.parley.kernel.ApiDocs.LIMIT;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_CONVERSATIONS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/** {@code /api/v1/conversations}: a bearer token is required; which conversations it opens is the use cases' decision. */
@Controller("/api/v1/conversations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = TAG_CONVERSATIONS)
@SecurityRequirement(name = BEARER)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class ConversationController {

    private static final String ID = "The conversation's id; unknown, malformed or not readable by the caller: 404";

    private final StartConversationUseCase startConversation;
    private final GetConversationUseCase getConversation;
    private final ListMyConversationsUseCase listConversations;
    private final CloseConversationUseCase closeConversation;
    private final SetConversationSummaryUseCase setSummary;
    private final EraseConversationUseCase eraseConversation;
    private final ConversationEndpoints endpoints;

    ConversationController(StartConversationUseCase startConversation, GetConversationUseCase getConversation,
                           ListMyConversationsUseCase listConversations, CloseConversationUseCase closeConversation,
                           SetConversationSummaryUseCase setSummary, EraseConversationUseCase eraseConversation,
                           ConversationEndpoints endpoints) {
        this.startConversation = startConversation;
        this.getConversation = getConversation;
        this.listConversations = listConversations;
        this.closeConversation = closeConversation;
        this.setSummary = setSummary;
        this.eraseConversation = eraseConversation;
        this.endpoints = endpoints;
    }

    /** The body is required (at least {@code {}}): an optional body would let unreadable JSON pass as no body at all. */
    @Post
    @Operation(operationId = "startConversation", summary = "Start a conversation owned by the caller")
    @ApiResponse(responseCode = "201", description = "The new conversation", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "/api/v1/conversations/{id}",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    HttpResponse<ConversationResponse> start(@Body StartConversationRequest body, @Parameter(hidden = true) Caller caller) {
        Conversation conversation = startConversation.start(
                StartConversationCommand.of(JsonValues.text("channel", body.channel()),
                        JsonValues.text("locale", body.locale()), body.metadata()), caller);
        return HttpResponse.created(ConversationResponse.of(conversation, caller), URI.create("/api/v1/conversations/" + conversation.id()));
    }

    @Get
    @Operation(operationId = "listConversations", summary = "The caller's own conversations, newest updated first")
    @ApiResponse(responseCode = "200", description = "A page of conversations", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    ConversationPageResponse list(@Nullable @QueryValue @Parameter(schema = @Schema(type = "string", allowableValues = {"open", "closed"})) String status,
                                  @Nullable @QueryValue @Parameter(description = LIMIT,
                                          schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) String limit,
                                  @Nullable @QueryValue @Parameter(description = CURSOR) String cursor, @Parameter(hidden = true) Caller caller) {
        return ConversationPageResponse.of(listConversations.list(ListConversationsQuery.of(status, limit, cursor), caller), caller);
    }

    @Get("/{id}")
    @Operation(operationId = "getConversation", summary = "A conversation",
            description = "Who: its customer; admin and service; an agent once it has a ticket.")
    @ApiResponse(responseCode = "200", description = "The conversation", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    ConversationResponse get(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                             @Parameter(hidden = true) Caller caller) {
        return ConversationResponse.of(getConversation.get(ConversationRef.id(id), caller), caller);
    }

    /** How a service sets the summary that the first user message would otherwise give. */
    @Patch("/{id}")
    @Operation(operationId = "setConversationSummary", summary = "Set the conversation's summary (service, admin)",
            description = "Replaces the first-message preview. Any other role is 403 before the conversation is looked up.")
    @ApiResponse(responseCode = "200", description = "The conversation", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    ConversationResponse update(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id, @Body SetSummaryRequest body,
                            @Parameter(hidden = true) Caller caller) {
        SetConversationSummaryCommand command = new SetConversationSummaryCommand(ConversationRef.id(id), JsonValues.text("summary", body.summary()));
        return ConversationResponse.of(setSummary.setSummary(command, caller), caller);
    }

    @Post("/{id}/close")
    @Operation(operationId = "closeConversation", summary = "Close a conversation",
            description = "Who: those who may read it. Closing a closed conversation changes nothing. No body needed.")
    @ApiResponse(responseCode = "200", description = "The conversation, status closed with ended_at", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    ConversationResponse close(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                           @Parameter(hidden = true) Caller caller) {
        return ConversationResponse.of(closeConversation.close(ConversationRef.id(id), caller), caller);
    }

    @Delete("/{id}")
    @Operation(operationId = "eraseConversation", summary = "Erase a conversation and everything hanging off it (the customer, admin)",
            description = "Messages, feedback, agent traces and handoffs go in one transaction; its ticket stays, anonymised."
                    + " service and agents who may read it: 403.")
    @ApiResponse(responseCode = "204", description = "Erased")
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    HttpResponse<Void> erase(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                             @Parameter(hidden = true) Caller caller) {
        eraseConversation.erase(ConversationRef.id(id), caller);
        return HttpResponse.noContent();
    }

    @Post("/{id}/messages")
    @Operation(operationId = "appendMessage", summary = "Append a message",
            description = "user messages: the customer, service, admin; assistant and system messages: service, agent, admin."
                    + " A human's assistant or system message is signed: metadata.author is agent:<sub> or admin:<sub>.")
    @ApiResponse(responseCode = "201", description = "The message (the first user message also sets the conversation's summary)",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The first message, for a repeated Idempotency-Key", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = "The role is not writable by the caller",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "The conversation is closed (conversation_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    HttpResponse<MessageResponse> append(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                                     @Body AppendMessageRequest body,
                                     @Nullable @Header("Idempotency-Key") @Parameter(name = "Idempotency-Key", description = IDEMPOTENCY_KEY,
                                             schema = @Schema(type = "string", minLength = 1, maxLength = 128)) String idempotencyKey,
                                     @Parameter(hidden = true) Caller caller) {
        return endpoints.append(ConversationRef.id(id), body, idempotencyKey, caller);
    }

    @Get("/{id}/messages")
    @Operation(operationId = "listMessages", summary = ConversationEndpoints.HISTORY_SUMMARY)
    @ApiResponse(responseCode = "200", description = "A page of messages", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    MessagePageResponse messages(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                                 @Nullable @QueryValue @Parameter(description = ConversationEndpoints.ORDER_DESCRIPTION,
                                         schema = @Schema(type = "string", allowableValues = {"asc", "desc"}, defaultValue = "asc")) String order,
                                 @Nullable @QueryValue @Parameter(description = LIMIT,
                                         schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) String limit,
                                 @Nullable @QueryValue @Parameter(description = CURSOR) String cursor,
                                 @Parameter(hidden = true) Caller caller) {
        return endpoints.messages(ConversationRef.id(id), order, limit, cursor, caller);
    }

    @Get(value = "/{id}/transcript", produces = {MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON})
    @Operation(operationId = "getTranscript", summary = ConversationEndpoints.TRANSCRIPT_SUMMARY,
            description = ConversationEndpoints.TRANSCRIPT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The transcript in the format asked for", content = {
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string")),
            @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationResponses.TranscriptResponse.class))})
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<InputStream> transcript(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id,
                                         @Nullable @QueryValue @Parameter(description = ConversationEndpoints.FORMAT_DESCRIPTION,
                                                 schema = @Schema(type = "string", allowableValues = {"text", "markdown", "json"},
                                                         defaultValue = "text")) String format,
                                         @Parameter(hidden = true) Caller caller) {
        return endpoints.transcript(ConversationRef.id(id), format, caller);
    }

    @Put("/{id}/feedback")
    @Operation(operationId = "giveFeedback", summary = "Rate the conversation (the customer only)",
            description = "One rating per conversation; a repeat replaces it. Closed conversations can be rated. admin and service: 403.")
    @ApiResponse(responseCode = "200", description = "The feedback", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    FeedbackResponse feedback(@PathVariable @Parameter(description = ID, schema = @Schema(format = "uuid")) String id, @Body GiveFeedbackRequest body,
                          @Parameter(hidden = true) Caller caller) {
        return endpoints.feedback(ConversationRef.id(id), body, caller);
    }
}
