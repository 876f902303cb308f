/**
 * PostgreSQL adapters of the conversation module: they implement the outbound ports; package-private.
 * Each is {@code @Connectable}: a call joins the caller's transaction when there is one, and otherwise
 * runs on a connection of its own (one statement, one autocommit transaction), e.g. the batches of a
 * transcript that streams after its use case has returned.
 */
package io.parley.conversation.adapter.out.persistence;
