package io.parley.archfixtures.conversation.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Obeys the wire-DTO naming convention: what a client sends ends in Request, what it gets back in Response;
 * the holder that groups them is no wire type and carries no {@code @Schema}.
 */
final class WireDtosNamedRequestAndResponse {

    private WireDtosNamedRequestAndResponse() {
    }

    @Schema(name = "StartConversationRequest")
    record StartConversationRequest(String channel) {
    }

    @Schema(name = "Conversation")
    record ConversationResponse(String id) {
    }
}
