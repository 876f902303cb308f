/** PostgreSQL adapters of the tracing module: they implement the outbound ports; package-private. */
package io.parley.tracing.adapter.out.persistence;
