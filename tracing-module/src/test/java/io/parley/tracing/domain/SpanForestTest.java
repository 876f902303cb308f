package io.parley.tracing.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.parley.tracing.domain.TestSpans.costly;
import static io.parley.tracing.domain.TestSpans.id;
import static io.parley.tracing.domain.TestSpans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanForestTest {

    /** root(1) ─┬─ 2 ── 4
     *           └─ 3          (3 starts before 2) */
    private static List<Span> sample() {
        return List.of(span(1, null, 0, 100L), span(2, 1, 20, 60L), span(3, 1, 10, 30L), span(4, 2, 25, 50L));
    }

    @Test
    void builds_the_tree_with_children_ordered_by_start() {
        List<SpanTree> trees = SpanForest.assemble(sample());

        assertEquals(1, trees.size());
        SpanNode root = trees.get(0).root();
        assertEquals(id(1), root.span().id());
        assertEquals(List.of(id(3), id(2)), root.children().stream().map(n -> n.span().id()).toList());
        assertEquals(id(4), root.children().get(1).children().get(0).span().id());
        assertFalse(trees.get(0).orphan());
    }

    @Test
    void the_order_spans_arrive_in_does_not_matter() {
        List<SpanTree> expected = SpanForest.assemble(sample());
        List<Span> shuffled = new ArrayList<>(sample());
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(expected, SpanForest.assemble(shuffled), "seed " + seed);
        }
    }

    @Test
    void a_span_whose_parent_has_not_arrived_is_an_orphan_at_the_root() {
        List<SpanTree> trees = SpanForest.assemble(List.of(span(2, 1, 20, 60L), span(4, 2, 25, 50L), span(5, null, 0, 5L)));

        assertEquals(2, trees.size());
        assertEquals(id(5), trees.get(0).root().span().id());
        assertFalse(trees.get(0).orphan());
        assertEquals(id(2), trees.get(1).root().span().id());
        assertTrue(trees.get(1).orphan());
        assertEquals(id(4), trees.get(1).root().children().get(0).span().id());
    }

    @Test
    void when_the_parent_arrives_the_orphan_moves_under_it() {
        List<Span> before = List.of(span(2, 1, 20, 60L));
        List<Span> after = List.of(span(2, 1, 20, 60L), span(1, null, 0, 100L));

        assertTrue(SpanForest.assemble(before).get(0).orphan());
        List<SpanTree> trees = SpanForest.assemble(after);
        assertEquals(1, trees.size());
        assertEquals(id(2), trees.get(0).root().children().get(0).span().id());
    }

    @Test
    void a_parent_cycle_is_opened_at_its_earliest_span_and_nothing_is_lost() {
        // 1 → 2 → 3 → 1 : no span is a root by its parent link
        List<Span> cycle = List.of(span(1, 3, 0, 10L), span(2, 1, 5, 10L), span(3, 2, 7, 10L));

        List<SpanTree> trees = SpanForest.assemble(cycle);

        assertEquals(1, trees.size());
        assertEquals(id(1), trees.get(0).root().span().id());
        assertTrue(trees.get(0).orphan());
        assertEquals(3, trees.get(0).totals().spans());
    }

    @Test
    void a_tree_deeper_than_the_limit_is_cut_into_trees_and_keeps_every_span() {
        int length = SpanForest.MAX_DEPTH * 2 + 5;
        List<Span> chain = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            chain.add(span(i, i == 0 ? null : i - 1, i, (long) i + 1));
        }

        List<SpanTree> trees = SpanForest.assemble(chain);

        assertEquals(3, trees.size());
        assertEquals(length, trees.stream().mapToInt(t -> t.totals().spans()).sum());
        for (SpanTree tree : trees) {
            assertTrue(depth(tree.root()) <= SpanForest.MAX_DEPTH);
        }
    }

    @Test
    void every_span_appears_once_whatever_the_links() {
        Random random = new Random(42);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Integer parent = random.nextInt(4) == 0 ? null : random.nextInt(320); // some parents never exist, some cycle
            spans.add(span(i, parent != null && parent == i ? null : parent, random.nextInt(1000), 2000L));
        }

        List<SpanTree> trees = SpanForest.assemble(spans);

        List<UUID> seen = new ArrayList<>();
        trees.forEach(tree -> collect(tree.root(), seen));
        assertEquals(300, seen.size());
        assertEquals(300, seen.stream().distinct().count());
    }

    @Test
    void totals_are_wall_time_tokens_cost_and_errors_of_the_tree() {
        List<Span> spans = List.of(
                costly(1, null, 0, 400, null, null, null, SpanStatus.OK),
                costly(2, 1, 50, 250, 100, 20, "0.001500", SpanStatus.OK),
                costly(3, 1, 100, 900, 30, null, "0.000250", SpanStatus.ERROR), // outlives its parent
                span(4, 1, 950, null)); // still open: counts up to its start

        TraceTotals totals = SpanForest.assemble(spans).get(0).totals();

        assertEquals(new TraceTotals(4, 950.0, 130, 20, new BigDecimal("0.001750"), 1), totals);
    }

    @Test
    void totals_of_several_trees_add_up() {
        TraceTotals a = new TraceTotals(2, 100.0, 10, 5, new BigDecimal("0.100000"), 0);
        TraceTotals b = new TraceTotals(3, 50.5, 1, 2, new BigDecimal("0.000001"), 1);

        assertEquals(new TraceTotals(5, 150.5, 11, 7, new BigDecimal("0.100001"), 1), a.plus(b));
        assertEquals(a, TraceTotals.NONE.plus(a));
    }

    @Test
    void no_spans_no_trees() {
        assertEquals(List.of(), SpanForest.assemble(List.of()));
    }

    private static int depth(SpanNode node) {
        return 1 + node.children().stream().mapToInt(SpanForestTest::depth).max().orElse(0);
    }

    private static void collect(SpanNode node, List<UUID> into) {
        into.add(node.span().id());
        node.children().forEach(child -> collect(child, into));
    }
}
