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
import io.parley.conversation.adapter.in.web.Requests.AppendMessage;
import io.parley.conversation.adapter.in.web.Requests.GiveFeedback;
import io.parley.conversation.adapter.in.web.Requests.SetSummary;
import io.parley.conversation.adapter.in.web.Requests.StartConversation;
import io.parley.conversation.adapter.in.web.Responses.ConversationBody;
import io.parley.conversation.adapter.in.web.Responses.ConversationPage;
import io.parley.conversation.adapter.in.web.Responses.FeedbackBody;
import io.parley.conversation.adapter.in.web.Responses.MessageBody;
import io.parley.conversation.adapter.in.web.Responses.MessagePage;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.InputStream;
import java.net.URI;

/** {@code /api/v1/conversations}: a bearer token is required; which conversations it opens is the use cases' decision. */
@Controller("/api/v1/conversations")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ConversationController {

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
    HttpResponse<ConversationBody> start(@Body StartConversation body, @Parameter(hidden = true) Caller caller) {
        Conversation conversation = startConversation.start(
                StartConversationCommand.of(JsonValues.text("channel", body.channel()),
                        JsonValues.text("locale", body.locale()), body.metadata()), caller);
        return HttpResponse.created(ConversationBody.of(conversation, caller), URI.create("/api/v1/conversations/" + conversation.id()));
    }

    @Get
    ConversationPage list(@Nullable @QueryValue String status, @Nullable @QueryValue String limit,
                          @Nullable @QueryValue String cursor, @Parameter(hidden = true) Caller caller) {
        return ConversationPage.of(listConversations.list(ListConversationsQuery.of(status, limit, cursor), caller), caller);
    }

    @Get("/{id}")
    ConversationBody get(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        return ConversationBody.of(getConversation.get(ConversationRef.id(id), caller), caller);
    }

    /** Not in API.md's list, added: how a service sets the summary that the first user message would otherwise give. */
    @Patch("/{id}")
    ConversationBody update(@PathVariable String id, @Body SetSummary body, @Parameter(hidden = true) Caller caller) {
        SetConversationSummaryCommand command = new SetConversationSummaryCommand(ConversationRef.id(id), JsonValues.text("summary", body.summary()));
        return ConversationBody.of(setSummary.setSummary(command, caller), caller);
    }

    @Post("/{id}/close")
    ConversationBody close(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        return ConversationBody.of(closeConversation.close(ConversationRef.id(id), caller), caller);
    }

    @Delete("/{id}")
    HttpResponse<Void> erase(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        eraseConversation.erase(ConversationRef.id(id), caller);
        return HttpResponse.noContent();
    }

    @Post("/{id}/messages")
    HttpResponse<MessageBody> append(@PathVariable String id, @Body AppendMessage body,
                                     @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                     @Parameter(hidden = true) Caller caller) {
        return endpoints.append(ConversationRef.id(id), body, idempotencyKey, caller);
    }

    @Get("/{id}/messages")
    @Operation(summary = ConversationEndpoints.HISTORY_SUMMARY)
    MessagePage messages(@PathVariable String id,
                         @Nullable @QueryValue @Parameter(description = ConversationEndpoints.ORDER_DESCRIPTION,
                                 schema = @Schema(type = "string", allowableValues = {"asc", "desc"}, defaultValue = "asc")) String order,
                         @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor,
                         @Parameter(hidden = true) Caller caller) {
        return endpoints.messages(ConversationRef.id(id), order, limit, cursor, caller);
    }

    @Get(value = "/{id}/transcript", produces = {MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON})
    HttpResponse<InputStream> transcript(@PathVariable String id, @Nullable @QueryValue String format,
                                         @Parameter(hidden = true) Caller caller) {
        return endpoints.transcript(ConversationRef.id(id), format, caller);
    }

    @Put("/{id}/feedback")
    FeedbackBody feedback(@PathVariable String id, @Body GiveFeedback body, @Parameter(hidden = true) Caller caller) {
        return endpoints.feedback(ConversationRef.id(id), body, caller);
    }
}
