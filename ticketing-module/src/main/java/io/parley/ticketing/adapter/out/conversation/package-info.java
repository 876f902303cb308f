/** The ticketing module's view of the conversation module, reached only through {@code io.parley.conversation.api}. */
package io.parley.ticketing.adapter.out.conversation;
