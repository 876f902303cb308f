package io.parley.app.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What docs/api.md's conventions say about every operation, checked on the generated OpenAPI document (Redocly's
 * ruleset does not know them): one declared tag, a readable operationId, the right security (bearer, or none for the
 * guest routes), problem+json errors with 401 everywhere and the body and rate-limit statuses where they apply, every
 * response member required (they are always sent), snake_case names, no internal type, examples on the main bodies.
 */
class OpenApiDocumentTest {

    /** The guest routes: no token needed (a bad one is still 401). */
    private static final Set<String> NO_TOKEN = Set.of(
            "GET /openapi.yml", "GET /api/v1/knowledge/documents", "GET /api/v1/knowledge/documents/{id}", "GET /api/v1/knowledge/search");
    /** A token is optional: a guest without one, a signed-in caller with one. */
    private static final Set<String> OPTIONAL_TOKEN = Set.of(
            "POST /api/v1/chat", "GET /health", "GET /health/liveness", "GET /health/readiness");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String PROBLEM = "#/components/schemas/Problem";

    private static OpenAPI document;
    private static Map<String, Operation> operations;

    @BeforeAll
    static void parse() throws IOException {
        String yaml;
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("META-INF/swagger/parley.yml")) {
            assertNotNull(in, "the generated document META-INF/swagger/parley.yml");
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        var result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertEquals(List.of(), result.getMessages(), "the document parses cleanly");
        document = result.getOpenAPI();
        operations = new LinkedHashMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method + " " + path, operation)));
        assertTrue(operations.size() > 40, "the document has the API's operations: " + operations.keySet());
    }

    @Test
    void every_operation_has_one_declared_tag_and_every_tag_is_described_and_used() {
        Set<String> declared = new TreeSet<>();
        for (Tag tag : document.getTags()) {
            assertTrue(tag.getDescription() != null && !tag.getDescription().isBlank(), "tag without description: " + tag.getName());
            declared.add(tag.getName());
        }
        Set<String> used = new TreeSet<>();
        each((route, operation) -> {
            assertEquals(1, operation.getTags() == null ? 0 : operation.getTags().size(), route + " has exactly one tag");
            assertTrue(declared.contains(operation.getTags().get(0)), route + ": undeclared tag " + operation.getTags());
            used.add(operation.getTags().get(0));
        });
        assertEquals(declared, used, "every declared tag has operations");
    }

    @Test
    void every_operation_has_a_readable_unique_operation_id_and_a_summary() {
        Set<String> ids = new HashSet<>();
        each((route, operation) -> {
            String id = operation.getOperationId();
            assertTrue(id != null && id.matches("[a-z][a-zA-Z]+"), route + ": operationId " + id);
            assertTrue(ids.add(id), route + ": duplicate operationId " + id);
            assertTrue(operation.getSummary() != null && !operation.getSummary().isBlank(), route + ": no summary");
        });
    }

    @Test
    void every_operation_says_which_token_it_takes() {
        SecurityRequirement bearer = new SecurityRequirement().addList("bearerAuth");
        assertEquals("bearer", document.getComponents().getSecuritySchemes().get("bearerAuth").getScheme());
        assertEquals("JWT", document.getComponents().getSecuritySchemes().get("bearerAuth").getBearerFormat());
        each((route, operation) -> {
            List<SecurityRequirement> security = operation.getSecurity();
            assertNotNull(security, route + " declares its security");
            if (route.startsWith("GET /api/v1/sessions/") || route.startsWith("POST /api/v1/sessions/")
                    || route.startsWith("PUT /api/v1/sessions/") || NO_TOKEN.contains(route)) {
                assertEquals(List.of(), security, route + " needs no token");
            } else if (OPTIONAL_TOKEN.contains(route)) {
                assertEquals(List.of(new SecurityRequirement(), bearer), security, route + " takes a token or none");
            } else {
                assertEquals(List.of(bearer), security, route + " needs a bearer token");
            }
        });
    }

    @Test
    void every_error_is_problem_json_and_the_conventional_statuses_are_listed() {
        each((route, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            responses.forEach((status, response) -> {
                if (status.startsWith("4") && response.get$ref() == null) {
                    Content content = response.getContent();
                    assertNotNull(content, route + " " + status + " has a body");
                    assertEquals(Set.of("application/problem+json"), content.keySet(), route + " " + status);
                    assertEquals(PROBLEM, content.get("application/problem+json").getSchema().get$ref(), route + " " + status);
                }
            });
            assertTrue(responses.containsKey("401"), route + ": 401 (a bad token is refused on every route)");
            String method = route.substring(0, route.indexOf(' '));
            if (operation.getRequestBody() != null) {
                for (String status : List.of("400", "413", "415", "422")) {
                    assertTrue(responses.containsKey(status), route + " takes a body: " + status);
                }
            }
            if (WRITES.contains(method) && route.contains(" /api/")) {
                assertTrue(responses.containsKey("429"), route + " is a write: 429 (rate limits)");
                var headers = responses.get("429").getHeaders();
                assertTrue(headers != null && headers.containsKey("Retry-After"), route + " 429 has Retry-After");
            }
        });
    }

    @Test
    void every_member_of_a_response_is_required_because_it_is_always_sent() {
        Set<String> seen = new TreeSet<>();
        each((route, operation) -> operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                MediaType json = response.getContent().get("application/json");
                if (json != null) {
                    allRequired(route + " " + status, json.getSchema(), seen);
                }
            }
        }));
        assertTrue(seen.contains("Ticket") && seen.contains("Message") && seen.contains("Conversation"), "walked: " + seen);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void member_names_are_snake_case_and_no_internal_type_appears() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        schemas.forEach((String name, Schema schema) -> {
            assertTrue(name.matches("[A-Z][A-Za-z0-9]+"), "schema " + name + ": give the DTO a readable @Schema(name)");
            assertTrue(!Set.of("Caller", "Role", "HttpRequest", "Authentication", "Principal").contains(name), "internal type " + name);
            if (schema.getProperties() != null) {
                for (Object property : schema.getProperties().keySet()) {
                    assertTrue(property.toString().matches("[a-z][a-z0-9_]*"), name + "." + property + " is not snake_case");
                }
            }
        });
        each((route, operation) -> {
            for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
                assertTrue(!Set.of("caller", "request", "authentication", "principal").contains(parameter.getName().toLowerCase()),
                        route + ": internal parameter " + parameter.getName());
            }
        });
    }

    @Test
    void the_main_bodies_have_examples() {
        for (String schema : List.of("ChatTurnRequest", "ChatTurn", "Message", "Ticket", "TraceBatch", "Problem")) {
            assertNotNull(document.getComponents().getSchemas().get(schema), "schema " + schema);
            assertNotNull(document.getComponents().getSchemas().get(schema).getExample(), "an example on " + schema);
        }
    }

    private static void each(BiConsumer<String, Operation> check) {
        operations.forEach(check);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void allRequired(String where, Schema schema, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                allRequired(where + " → " + name, document.getComponents().getSchemas().get(name), seen);
            }
            return;
        }
        List<Schema> parts = new ArrayList<>();
        if (schema.getAllOf() != null) {
            parts.addAll(schema.getAllOf());
        }
        if (schema.getItems() != null) {
            parts.add(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema values) {
            parts.add(values);
        }
        if (schema.getProperties() != null) {
            Set<String> properties = new TreeSet<>(((Map<String, ?>) schema.getProperties()).keySet());
            Set<String> required = schema.getRequired() == null ? Set.of() : new TreeSet<>(schema.getRequired());
            assertEquals(properties, required, where + ": every member is always sent, so every member is required");
            ((Map<String, Schema>) schema.getProperties()).values().forEach(parts::add);
        }
        parts.forEach(part -> allRequired(where, part, seen));
    }
}
