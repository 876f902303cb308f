/** {@code POST /api/v1/chat}, the assistant's front door (package-private), and its request and response DTOs. */
package io.parley.chat.adapter.in.web;
