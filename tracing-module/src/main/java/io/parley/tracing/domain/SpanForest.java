package io.parley.tracing.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Assembles stored spans, in any order, into trees. Every span appears exactly once:
 * <ul>
 *   <li>a span without a parent, or whose parent is not among the spans (not arrived yet, or in a
 *       conversation the reader cannot see), is the root of its own tree, marked as an orphan when
 *       it names a parent;</li>
 *   <li>spans whose parent links form a cycle (ids are client-supplied, nothing forbids it) are cut
 *       open at their earliest span, which becomes a root;</li>
 *   <li>a tree deeper than {@link #MAX_DEPTH} is cut there and its deeper subtrees become trees of
 *       their own, so a response never nests deeper than a JSON reader allows.</li>
 * </ul>
 * Roots and children are ordered by start time, then id.
 */
public final class SpanForest {

    public static final int MAX_DEPTH = 100;

    private static final Comparator<Span> BY_START = Comparator.comparing(Span::startedAt).thenComparing(Span::id);

    private final Map<UUID, List<Span>> childrenByParent = new HashMap<>();
    private final Set<UUID> placed = new HashSet<>();
    private final Deque<Span> pendingRoots = new ArrayDeque<>();

    private SpanForest() {
    }

    public static List<SpanTree> assemble(Collection<Span> spans) {
        return new SpanForest().build(spans);
    }

    private List<SpanTree> build(Collection<Span> spans) {
        Map<UUID, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.id(), span));
        List<Span> sorted = byId.values().stream().sorted(BY_START).toList();
        List<Span> roots = new ArrayList<>();
        for (Span span : sorted) {
            if (span.parentId() != null && byId.containsKey(span.parentId())) {
                childrenByParent.computeIfAbsent(span.parentId(), id -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        List<SpanTree> trees = new ArrayList<>();
        pendingRoots.addAll(roots);
        drain(trees);
        // whatever is still unplaced hangs off a cycle: open each at its earliest span
        for (Span span : sorted) {
            if (!placed.contains(span.id())) {
                pendingRoots.add(span);
                drain(trees);
            }
        }
        trees.sort(Comparator.comparing(tree -> tree.root().span(), BY_START));
        return List.copyOf(trees);
    }

    private void drain(List<SpanTree> trees) {
        while (!pendingRoots.isEmpty()) {
            Span root = pendingRoots.poll();
            if (placed.contains(root.id())) {
                continue;
            }
            List<Span> members = new ArrayList<>();
            SpanNode node = node(root, 1, members);
            trees.add(new SpanTree(node, root.parentId() != null, TraceTotals.of(members)));
        }
    }

    private SpanNode node(Span span, int depth, List<Span> members) {
        placed.add(span.id());
        members.add(span);
        List<SpanNode> children = new ArrayList<>();
        for (Span child : childrenByParent.getOrDefault(span.id(), List.of())) {
            if (placed.contains(child.id())) {
                continue;
            }
            if (depth >= MAX_DEPTH) {
                pendingRoots.add(child);
            } else {
                children.add(node(child, depth + 1, members));
            }
        }
        return new SpanNode(span, children);
    }
}
