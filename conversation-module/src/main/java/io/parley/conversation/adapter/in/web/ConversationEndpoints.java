package io.parley.conversation.adapter.in.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import io.parley.conversation.adapter.in.web.ConversationRequests.AppendMessageRequest;
import io.parley.conversation.adapter.in.web.ConversationRequests.GiveFeedbackRequest;
import io.parley.conversation.adapter.in.web.ConversationResponses.FeedbackResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessageResponse;
import io.parley.conversation.adapter.in.web.ConversationResponses.MessagePageResponse;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendMessageUseCase;
import io.parley.conversation.application.port.in.AppendResult;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ExportTranscriptUseCase;
import io.parley.conversation.application.port.in.GiveFeedbackCommand;
import io.parley.conversation.application.port.in.GiveFeedbackUseCase;
import io.parley.conversation.application.port.in.ReadMessagesQuery;
import io.parley.conversation.application.port.in.ReadMessagesUseCase;
import io.parley.conversation.application.port.in.Transcript;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.kernel.Caller;
import io.parley.kernel.JsonValues;
import jakarta.inject.Singleton;

import java.io.InputStream;

/**
 * What the id routes and the guest session routes share: the same use cases behind both, so a
 * guest's view of its conversation can never drift from the owner's.
 */
@Singleton
class ConversationEndpoints {

    static final String HISTORY_SUMMARY = "A page of the conversation's messages by seq, oldest first or (order=desc) newest first";
    static final String ORDER_DESCRIPTION = "asc (default): oldest first; desc: newest first, next_cursor pages further back."
            + " A cursor continues only the order it was issued for (another order or an unknown value: 422).";
    static final String TRANSCRIPT_SUMMARY = "The whole conversation for display or export, streamed";
    static final String TRANSCRIPT_DESCRIPTION = "text (default): text/plain; markdown: text/markdown; json: application/json"
            + " {conversation, messages}. Content-Disposition: inline; filename=\"conversation-<id>.<txt|md|json>\".";
    static final String FORMAT_DESCRIPTION = "text (default), markdown or json; anything else is 422";

    private final AppendMessageUseCase appendMessage;
    private final ReadMessagesUseCase readMessages;
    private final ExportTranscriptUseCase exportTranscript;
    private final GiveFeedbackUseCase giveFeedback;
    private final JsonMapper json;

    ConversationEndpoints(AppendMessageUseCase appendMessage, ReadMessagesUseCase readMessages,
                          ExportTranscriptUseCase exportTranscript, GiveFeedbackUseCase giveFeedback, JsonMapper json) {
        this.appendMessage = appendMessage;
        this.readMessages = readMessages;
        this.exportTranscript = exportTranscript;
        this.giveFeedback = giveFeedback;
        this.json = json;
    }

    /** 201 for a new message; 200 with the first result when the Idempotency-Key was seen before. */
    HttpResponse<MessageResponse> append(ConversationRef conversation, AppendMessageRequest body, String idempotencyKey, Caller caller) {
        AppendResult result = appendMessage.append(AppendMessageCommand.of(conversation, JsonValues.text("role", body.role()),
                JsonValues.text("content", body.content()), JsonValues.text("intent", body.intent()),
                JsonValues.number("confidence", body.confidence()), body.metadata(),
                idempotencyKey), caller);
        MessageResponse message = MessageResponse.of(result.message());
        return result.replayed() ? HttpResponse.ok(message) : HttpResponse.created(message);
    }

    MessagePageResponse messages(ConversationRef conversation, String order, String limit, String cursor, Caller caller) {
        return MessagePageResponse.of(readMessages.read(ReadMessagesQuery.of(conversation, order, limit, cursor), caller));
    }

    HttpResponse<InputStream> transcript(ConversationRef conversation, String rawFormat, Caller caller) {
        TranscriptFormat format = TranscriptFormat.parse(rawFormat);
        Transcript transcript = exportTranscript.export(conversation, caller);
        boolean sessionVisible = conversation instanceof ConversationRef.BySession
                || ConversationAccess.isCustomer(transcript.conversation(), caller);
        return HttpResponse.<InputStream>ok(new TranscriptStream(transcript, format, sessionVisible, json))
                .contentType(format.contentType)
                .header("Content-Disposition", "inline; filename=\"conversation-" + transcript.conversation().id()
                        + "." + format.fileExtension + "\"");
    }

    FeedbackResponse feedback(ConversationRef conversation, GiveFeedbackRequest body, Caller caller) {
        return FeedbackResponse.of(giveFeedback.give(GiveFeedbackCommand.of(conversation,
                JsonValues.number("rating", body.rating()), JsonValues.text("comment", body.comment())), caller));
    }
}
