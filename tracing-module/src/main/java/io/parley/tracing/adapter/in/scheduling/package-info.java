/** Scheduled entry points of the tracing module: keeping the time partitions ahead. Package-private. */
package io.parley.tracing.adapter.in.scheduling;
