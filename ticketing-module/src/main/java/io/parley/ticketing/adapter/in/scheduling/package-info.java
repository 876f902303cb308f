/** Time-driven entry points of the ticketing module: the handoff outbox dispatcher. */
package io.parley.ticketing.adapter.in.scheduling;
