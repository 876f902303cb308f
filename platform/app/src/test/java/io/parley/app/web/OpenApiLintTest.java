package io.parley.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generated OpenAPI document passes Redocly CLI's recommended ruleset with no error (security on every operation,
 * a summary and a 4xx response on every operation, unique operationIds, valid schemas and examples, ...).
 *
 * <p>Redocly CLI comes from npm, pinned, installed on first use into {@code target/redocly} (the npm registry must be
 * reachable then); Node.js and npm must be on the PATH. The ruleset is {@code src/test/resources/redocly.yaml}
 * ({@code extends: [recommended]}).
 */
class OpenApiLintTest {

    /** Pinned so that a new rule in a later release cannot fail an unchanged build. */
    static final String REDOCLY_CLI = "@redocly/cli@2.77.0";
    private static final Path INSTALL = Path.of("target", "redocly");

    @Test
    void the_generated_document_has_no_lint_error() throws Exception {
        Lint lint = lint(resource("META-INF/swagger/parley.yml"));
        System.out.println("redocly lint (" + REDOCLY_CLI + ", recommended): " + lint.errors.size() + " error(s), "
                + lint.warnings.size() + " warning(s)" + (lint.warnings.isEmpty() ? "" : "\n  " + String.join("\n  ", lint.warnings)));
        assertEquals(List.of(), lint.errors, () -> "the OpenAPI document breaks Redocly's recommended rules:\n  "
                + String.join("\n  ", lint.errors));
        assertEquals(0, lint.exit, () -> "redocly lint failed");
    }

    @Test
    void the_lint_bites_on_a_duplicate_operation_id() throws Exception {
        String document = Files.readString(resource("META-INF/swagger/parley.yml"));
        assertTrue(document.contains("operationId: claimTicket"), "the document has claimTicket");
        Path broken = Files.createDirectories(INSTALL).resolve("broken.yml");
        Files.writeString(broken, document.replace("operationId: claimTicket", "operationId: getTicket"));
        Lint lint = lint(broken.toAbsolutePath());
        assertTrue(lint.errors.stream().anyMatch(e -> e.startsWith("operation-operationId-unique")), () -> "errors: " + lint.errors);
        assertTrue(lint.exit != 0, "redocly exits non-zero on an error");
    }

    private record Lint(int exit, List<String> errors, List<String> warnings) {
    }

    private static Lint lint(Path document) throws Exception {
        Path redocly = install();
        Run run = run(List.of(redocly.toString(), "lint", document.toString(), "--config", resource("redocly.yaml").toString(),
                "--format", "json"), 300);
        int json = run.stdout.indexOf('{');
        if (json < 0) {
            fail("redocly lint printed no report (exit " + run.exit + "):\n" + run.stdout + run.stderr);
        }
        JsonNode report = new ObjectMapper().readTree(run.stdout.substring(json));
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode problem : report.path("problems")) {
            String line = problem.path("ruleId").asText() + " at " + problem.path("location").path(0).path("pointer").asText()
                    + ": " + problem.path("message").asText();
            ("error".equals(problem.path("severity").asText()) ? errors : warnings).add(line);
        }
        return new Lint(run.exit, errors, warnings);
    }

    /** Installs the pinned Redocly CLI into target/redocly once; later runs reuse it. */
    private static synchronized Path install() throws Exception {
        Path bin = INSTALL.resolve(Path.of("node_modules", ".bin", "redocly"));
        Path installedVersion = INSTALL.resolve("installed-version");
        if (Files.isExecutable(bin) && Files.exists(installedVersion)
                && Files.readString(installedVersion).equals(REDOCLY_CLI)) {
            return bin.toAbsolutePath();
        }
        try {
            Run npm = run(List.of("npm", "--version"), 60);
            if (npm.exit != 0) {
                throw new IOException(npm.stderr);
            }
        } catch (IOException e) {
            fail("Node.js and npm are needed to lint the OpenAPI document (Redocly CLI): install Node.js 20 or newer with npm"
                    + " and put it on the PATH. (" + e.getMessage() + ")");
        }
        Files.createDirectories(INSTALL);
        Run npm = run(List.of("npm", "install", "--prefix", INSTALL.toString(), "--no-audit", "--no-fund", "--no-save",
                "--loglevel=error", REDOCLY_CLI), 600);
        if (npm.exit != 0 || !Files.isExecutable(bin)) {
            fail("npm could not install " + REDOCLY_CLI + " (is the npm registry reachable?):\n" + npm.stdout + npm.stderr);
        }
        Files.writeString(installedVersion, REDOCLY_CLI);
        return bin.toAbsolutePath();
    }

    private static Path resource(String name) throws URISyntaxException {
        URL url = OpenApiLintTest.class.getClassLoader().getResource(name);
        assertTrue(url != null && "file".equals(url.getProtocol()), () -> name + " is not on the test classpath as a file");
        return Path.of(url.toURI());
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("redocly", ".out");
        Path err = Files.createTempFile("redocly", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
