/** HTTP controllers of the conversation module (package-private) and their request/response DTOs. */
package io.parley.conversation.adapter.in.web;
