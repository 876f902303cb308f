package io.parley.tracing.domain;

/**
 * One tree of spans with its totals. {@code orphan} is true when the root names a parent: the
 * parent has not arrived (yet), so the span is shown at the root instead of being lost.
 */
public record SpanTree(SpanNode root, boolean orphan, TraceTotals totals) {
}
