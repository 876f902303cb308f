package io.parley.app.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every response a web test receives through {@link TestHttp} is checked against the OpenAPI document the service
 * serves ({@code GET /openapi.yml}) with Atlassian's swagger-request-validator: the status must be documented for that
 * operation, the content type must be one the operation declares for it, and the body must match its schema (types,
 * required members, nullability, enums, no undocumented members). So the document and the code cannot disagree without
 * a web test failing.
 *
 * <p>Two rules beyond the document:
 * <ul>
 *   <li>a request to a route the document does not have (an unknown path, a method the path lacks) must be answered
 *       404 or 405 problem+json, as docs/api.md says every such request is;</li>
 *   <li>{@link #UNDOCUMENTED} paths are not checked at all: test-only probes and static files (Swagger UI, the pages).</li>
 * </ul>
 * Violations fail the calling test with the validator's messages; {@link TestHttp} also appends them to
 * {@code target/openapi-contract-violations.txt}, a summary of a whole run.
 */
public final class OpenApiContract {

    /**
     * Deliberately undocumented, so never checked: the test-only routes of ProbeController (they exist to exercise the
     * error pipeline, not the API), and the static files of micronaut.router.static-resources (application.yml): Swagger
     * UI, the agent console and the chat page, which are HTML, CSS and scripts, not API.
     */
    static final List<String> UNDOCUMENTED = List.of("/test-probe/", "/swagger-ui/", "/swagger/", "/console", "/chat", "/assets/");

    private static final Path VIOLATIONS = Path.of("target", "openapi-contract-violations.txt");
    private static volatile OpenApiInteractionValidator validator;

    private OpenApiContract() {
    }

    /** Throws an {@link AssertionError} naming every disagreement between this response and the document. */
    static void check(URI base, String method, String pathAndQuery, TestHttp.Reply reply) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (UNDOCUMENTED.stream().anyMatch(path::startsWith)) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        reply.headers().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        ValidationReport report = validator(base).validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                response.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
        if (errors.isEmpty()) {
            return;
        }
        boolean noSuchRoute = errors.stream().allMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        if (noSuchRoute && (reply.status() == 404 || reply.status() == 405) && reply.isProblem()) {
            return;
        }
        String found = errors.stream().map(m -> "  - [" + m.getKey() + "] " + m.getMessage()).collect(Collectors.joining("\n"));
        String failure = method + " " + path + " answered " + reply.status() + " " + reply.contentType()
                + " in a way the OpenAPI document does not describe:\n" + found + "\n  body: " + abbreviate(reply.body());
        throw new AssertionError(failure);
    }

    private static OpenApiInteractionValidator validator(URI base) {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            synchronized (OpenApiContract.class) {
                current = validator;
                if (current == null) {
                    current = OpenApiInteractionValidator.createForInlineApiSpecification(served(base)).build();
                    validator = current;
                }
            }
        }
        return current;
    }

    /** The document as the service serves it (the same generated file for every server of the test run). */
    private static String served(URI base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/openapi.yml")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /openapi.yml answered " + response.statusCode() + ": the document every web test is"
                        + " checked against is not served");
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }

    /** Appends a violation to the run's summary file. */
    static synchronized void record(String failure) {
        try {
            Files.createDirectories(VIOLATIONS.getParent());
            Files.writeString(VIOLATIONS, failure + "\n\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
