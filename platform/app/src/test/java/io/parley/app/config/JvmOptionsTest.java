package io.parley.app.config;

import io.parley.app.support.RepositoryRoot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's JVM options live in one file, {@code jvm.options} at the repository root; the launcher and every
 * benchmark start the jar with it, so what is measured is what is shipped.
 */
class JvmOptionsTest {

    private static final Path ROOT = RepositoryRoot.path();

    @Test
    void the_options_file_is_accepted_by_the_jvm_running_the_tests_and_selects_parallel_gc() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "@" + ROOT.resolve("jvm.options"), "-XX:+PrintCommandLineFlags", "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("-XX:+UseParallelGC"), output);
    }

    @Test
    void the_launcher_starts_the_jar_with_the_options_file_unless_java_opts_replaces_it() throws IOException {
        String launcher = Files.readString(ROOT.resolve("parley"));
        assertTrue(launcher.contains("exec java ${JAVA_OPTS:-@jvm.options} -jar"), launcher);
    }

    @Test
    void every_benchmark_that_starts_the_service_passes_the_options_file() throws IOException {
        // a service start is `-jar` on the deployable without one of the command-line tools after it
        Pattern serviceStart = Pattern.compile("-jar \"\\$JAR\"(?! (token|seed-knowledge|retention))");
        List<String> starts;
        try (Stream<Path> scripts = Files.walk(ROOT.resolve("bench"))) {
            starts = scripts.filter(path -> path.toString().endsWith(".sh"))
                    .flatMap(JvmOptionsTest::lines)
                    .filter(line -> serviceStart.matcher(line).find())
                    .toList();
        }
        assertTrue(starts.size() >= 6, "the benchmarks start the service: " + starts);
        for (String start : starts) {
            assertTrue(start.contains("@\"$JVM_OPTIONS\" ") || start.contains("@jvm.options "), start);
        }
    }

    private static Stream<String> lines(Path path) {
        try {
            return Files.readAllLines(path).stream();
        } catch (IOException e) {
            throw new IllegalStateException(path.toString(), e);
        }
    }
}
