package io.parley.app.architecture;

import io.parley.app.support.RepositoryRoot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The module diagram in {@code docs/architecture.md} is drawn from the graph the ArchUnit rules enforce
 * ({@link ParleyArchitecture#MODULES} plus the kernel and app edges of {@code mayUse}): when the graph
 * changes and the committed diagram does not, this test fails and prints the block to paste between
 * the markers.
 */
class ModuleDiagramTest {

    static final String BEGIN = "<!-- module-graph:begin -->";
    static final String END = "<!-- module-graph:end -->";
    static final Path DOCUMENT = Path.of("docs", "architecture.md");

    @Test
    void the_committed_diagram_is_the_one_the_module_graph_draws() throws IOException {
        Path document = RepositoryRoot.path().resolve(DOCUMENT);
        String expected = render();

        Optional<String> committed = committedBlock(Files.readString(document, StandardCharsets.UTF_8));

        if (committed.isEmpty()) {
            fail(DOCUMENT + " has no " + BEGIN + " ... " + END + " block; add one holding:\n\n" + BEGIN + "\n" + expected + END + "\n");
        }
        if (!committed.get().equals(expected)) {
            fail("The module diagram in " + DOCUMENT + " is not the one ParleyArchitecture.MODULES draws. "
                    + "Replace the block between the markers with:\n\n" + BEGIN + "\n" + expected + END + "\n");
        }
    }

    @Test
    void a_block_that_differs_from_the_graph_is_reported_and_the_same_block_is_not() {
        String expected = render();
        String current = "# Architecture\n\n" + BEGIN + "\n" + expected + END + "\n\ntext after\n";
        String stale = current.replace("    " + ParleyArchitecture.APP + " --> " + ParleyArchitecture.KERNEL + "\n", "");

        assertEquals(Optional.of(expected), committedBlock(current));
        assertEquals(Optional.of(expected), committedBlock(current.replace("\n", "\r\n")), "line endings do not matter");
        assertFalse(committedBlock(stale).orElseThrow().equals(expected));
        assertEquals(Optional.empty(), committedBlock("# Architecture without a diagram\n"));
    }

    @Test
    void every_unit_is_drawn_and_every_edge_of_the_graph_is_an_arrow() {
        String diagram = render();

        for (String unit : units()) {
            assertTrue(diagram.contains("    " + unit + "[\"io.parley." + unit + "\"]\n"), unit + " is a node:\n" + diagram);
        }
        ParleyArchitecture.MODULES.forEach((module, uses) -> {
            assertTrue(diagram.contains("    " + module + " --> " + ParleyArchitecture.KERNEL + "\n"), module + " uses the kernel");
            uses.forEach(used -> assertTrue(diagram.contains("    " + module + " -->|api| " + used + "\n"), module + " uses " + used));
            assertTrue(diagram.contains("    " + ParleyArchitecture.APP + " -->|api| " + module + "\n"), "app uses " + module);
        });
        assertTrue(diagram.contains("    " + ParleyArchitecture.LIVE + " --> " + ParleyArchitecture.KERNEL + "\n"), "live uses the kernel");
        assertFalse(diagram.contains("    " + ParleyArchitecture.KERNEL + " -->"), "the kernel uses nothing");
    }

    /**
     * The Mermaid block for the unit graph, in a fixed order: app first, then the modules by name, then the
     * kernel; each unit's arrows by target name. The edges are those {@link ParleyArchitecture#mayUse}
     * allows; an arrow into a module is labelled {@code api}, the only part of a module another unit may use.
     */
    static String render() {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart TD\n");
        for (String unit : units()) {
            out.append("    ").append(unit).append("[\"io.parley.").append(unit).append("\"]\n");
        }
        for (String unit : units()) {
            for (String target : new TreeSet<>(targetsOf(unit))) {
                boolean throughApi = ParleyArchitecture.MODULES.containsKey(target);
                out.append("    ").append(unit).append(throughApi ? " -->|api| " : " --> ").append(target).append('\n');
            }
        }
        return out.append("```\n").toString();
    }

    private static List<String> units() {
        List<String> units = new ArrayList<>();
        units.add(ParleyArchitecture.APP);
        units.addAll(ParleyArchitecture.MODULES.keySet());
        units.add(ParleyArchitecture.LIVE);
        units.add(ParleyArchitecture.KERNEL);
        return units;
    }

    private static List<String> targetsOf(String unit) {
        return units().stream().filter(target -> !target.equals(unit) && ParleyArchitecture.mayUse(unit, target)).toList();
    }

    /** What stands between the markers, with Unix line endings and without the blank lines around it. */
    static Optional<String> committedBlock(String document) {
        String text = document.replace("\r\n", "\n");
        int begin = text.indexOf(BEGIN);
        int end = begin < 0 ? -1 : text.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            return Optional.empty();
        }
        String block = text.substring(begin + BEGIN.length(), end).strip();
        return Optional.of(block.isEmpty() ? "" : block + "\n");
    }
}
