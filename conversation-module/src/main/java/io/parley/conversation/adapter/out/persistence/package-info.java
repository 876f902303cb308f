/** PostgreSQL adapters of the conversation module: they implement the outbound ports; package-private. */
package io.parley.conversation.adapter.out.persistence;
