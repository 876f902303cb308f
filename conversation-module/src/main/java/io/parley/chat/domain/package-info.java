/**
 * The chat turn's rules in plain Java: the assistant's hand-off policy ({@link io.parley.chat.domain.AssistantPolicy}),
 * recognising a request for a person, confidence from relevance, and the reply with its steps.
 */
package io.parley.chat.domain;
