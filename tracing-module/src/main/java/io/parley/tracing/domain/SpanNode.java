package io.parley.tracing.domain;

import java.util.List;

/** A span and its children, oldest first. */
public record SpanNode(Span span, List<SpanNode> children) {

    public SpanNode {
        children = List.copyOf(children);
    }
}
