package io.parley.chat.assistant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible Chat Completions endpoint on a random loopback port, answering from a script
 * (one scripted response per request, in order) and recording every request it receives. A "hang"
 * holds the request open until the test releases it, so a client timeout happens without sleeping.
 */
public final class FakeChatCompletions {

    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private record Scripted(int status, String body, boolean hang) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch release = new CountDownLatch(1);

    private FakeChatCompletions(HttpServer server) {
        this.server = server;
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeChatCompletions start() {
        try {
            return new FakeChatCompletions(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure, like {@code https://api.openai.com/v1}. */
    /** The configuration that points Parley's {@code openai} assistant at this server, with short timeouts and backoff. */
    public Map<String, String> assistantProperties(String apiKey, String model, int retries) {
        return Map.of("parley.assistant.provider", "openai",
                "parley.assistant.openai.base-url", baseUrl(),
                "parley.assistant.openai.api-key", apiKey,
                "parley.assistant.openai.model", model,
                "parley.assistant.openai.timeout", "2s",
                "parley.assistant.openai.retries", String.valueOf(retries),
                "parley.assistant.openai.backoff", "10ms");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeChatCompletions answer(String content) {
        return respond(200, completion(content));
    }

    public FakeChatCompletions respond(int status, String body) {
        script.add(new Scripted(status, body, false));
        return this;
    }

    public FakeChatCompletions hang() {
        script.add(new Scripted(0, null, true));
        return this;
    }

    public List<Recorded> received() {
        return List.copyOf(received);
    }

    /** Forgets the script and the recorded requests, and lets any held request go. */
    public void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        script.clear();
        received.clear();
    }

    public void stop() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    public static String completion(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model-2026","system_fingerprint":"fp",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":321,"completion_tokens":42,"total_tokens":363}}
                """.formatted(quote(content));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Scripted next = script.poll();
        if (next == null) {
            next = new Scripted(500, "{\"error\":{\"message\":\"nothing scripted\"}}", false);
        }
        if (next.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            next = new Scripted(200, completion("too late"), false);
        }
        byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(next.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing left to answer
        } finally {
            exchange.close();
        }
    }
}
