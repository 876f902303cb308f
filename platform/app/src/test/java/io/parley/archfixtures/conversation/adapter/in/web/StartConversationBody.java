package io.parley.archfixtures.conversation.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** Breaks the wire-DTO naming convention: a body a client sends, named …Body instead of …Request. */
@Schema(name = "StartConversationRequest")
record StartConversationBody(String channel) {
}
