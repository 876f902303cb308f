/** Configuration coming into the chat turn ({@code parley.assistant.knowledge.*}) as the beans its services need; package-private. */
package io.parley.chat.adapter.in.config;
