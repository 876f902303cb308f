/**
 * Configuration coming into the conversation module ({@code parley.conversation.*}) and the beans of
 * plain classes its services need (the configured content limits, the kernel's Redactor); package-private.
 */
package io.parley.conversation.adapter.in.config;
