package io.parley.app.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for web tests: sends exactly the bytes and headers a test gives (malformed
 * JSON, wrong content types, huge bodies) and never throws on 4xx/5xx, so tests assert on status
 * and body like any API client would. Every reply is first checked against the served OpenAPI
 * document ({@link OpenApiContract}): a status, content type or body the document does not describe
 * fails the test.
 */
public final class TestHttp {

    private final URI base;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestHttp(URL base, JsonMapper json) {
        this.base = URI.create(base.toString());
        this.json = json;
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", toJson(body));
    }

    /** A JSON POST with extra headers such as {@code Idempotency-Key}. */
    public Reply post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, "application/json", toJson(body), headers);
    }

    public Reply put(String path, String token, Object body) {
        return send("PUT", path, token, "application/json", toJson(body));
    }

    public Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, "application/json", toJson(body));
    }

    public Reply send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    public Reply send(String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return exchange(method, path, request);
    }

    /** A JSON POST whose body is streamed in chunks, without a {@code Content-Length}. */
    public Reply postChunked(String path, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange("POST", path, request);
    }

    private Reply exchange(String method, String path, HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String received = response.headers().firstValue("Content-Type").orElse("");
            return checked(method, path, new Reply(response.statusCode(), received,
                    read(response.body(), received.startsWith("text/event-stream")), response.headers().map(), json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply checked(String method, String path, Reply reply) {
        try {
            OpenApiContract.check(base, method, path, reply);
        } catch (AssertionError violation) {
            OpenApiContract.record(violation.getMessage());
            throw violation;
        }
        return reply;
    }

    /**
     * The whole body; of an event stream (which does not end) only its first event, e.g. the {@code : open}
     * comment every stream starts with, and then the connection is closed.
     */
    private static String read(InputStream body, boolean eventStream) throws IOException {
        try (body) {
            if (!eventStream) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            StringBuilder first = new StringBuilder();
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                first.append(line).append('\n');
            }
            return first.toString();
        }
    }

    private byte[] toJson(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String raw) {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof byte[] raw) {
            return raw;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, content type, raw body, headers, and the body parsed as a JSON object on demand. */
    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers, JsonMapper json) {

        public Map<String, Object> map() {
            try {
                return json.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        public Object field(String name) {
            return map().get(name);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) map().get("items");
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
