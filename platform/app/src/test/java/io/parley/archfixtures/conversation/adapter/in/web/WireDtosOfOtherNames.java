package io.parley.archfixtures.conversation.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** Breaks the wire-DTO naming convention with a nested response DTO named …Reply instead of …Response. */
final class WireDtosOfOtherNames {

    private WireDtosOfOtherNames() {
    }

    @Schema(name = "Conversation")
    record ConversationReply(String id) {
    }
}
