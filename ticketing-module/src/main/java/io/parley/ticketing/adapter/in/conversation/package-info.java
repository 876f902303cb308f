/**
 * The outbound ports the conversation module declares and the ticketing module implements
 * ({@link io.parley.conversation.api.Escalation}, {@link io.parley.conversation.api.TicketPresence},
 * {@link io.parley.conversation.api.WhoAnswers}):
 * in-process driving adapters of the ticketing use cases.
 */
package io.parley.ticketing.adapter.in.conversation;
