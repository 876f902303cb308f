/** PostgreSQL adapters of the ticketing module: they implement the outbound ports; package-private. */
package io.parley.ticketing.adapter.out.persistence;
