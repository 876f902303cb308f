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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client for tests, reading the stream as a browser's {@code fetch()} would: the
 * bearer token in the Authorization header (never in the URL), {@code Last-Event-ID} when resuming, and
 * the body line by line, parsed by the rules of the SSE format (comments, {@code id:}, {@code event:},
 * {@code data:}, a blank line ends an event). One reader thread per stream, on the test's side only.
 */
public final class SseClient {

    private final URI base;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public SseClient(URL base, JsonMapper json) {
        this.base = URI.create(base.toString());
        this.json = json;
    }

    public Stream open(String path, String token) {
        return open(path, token, null);
    }

    /** Returns once the response headers arrived; a refused stream (4xx/5xx) carries its whole body. */
    public Stream open(String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET().header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Stream(response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One event: its id, its name ({@code event:}) and its data (the {@code data:} lines joined). */
    public record Event(String id, String name, String data, JsonMapper json) {

        public Map<String, Object> map() {
            try {
                return json.readValue(data, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + data, e);
            }
        }

        @Override
        public String toString() {
            return "id: " + id + ", event: " + name + ", data: " + data;
        }
    }

    /** An open stream. Close it to disconnect. */
    public static final class Stream implements AutoCloseable {

        private static final Object END = new Object();

        private final HttpResponse<InputStream> response;
        private final JsonMapper json;
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger keepAlives = new AtomicInteger();
        private final String refusal;
        private volatile boolean ended;

        Stream(HttpResponse<InputStream> response, JsonMapper json) throws IOException {
            this.response = response;
            this.json = json;
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    refusal = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                ended = true;
                return;
            }
            refusal = null;
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }

        public int status() {
            return response.statusCode();
        }

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The body of a refused stream (a problem+json). */
        public String refusal() {
            return refusal;
        }

        public TestHttp.Reply asReply() {
            return new TestHttp.Reply(status(), contentType(), refusal == null ? "" : refusal, response.headers().map(), json);
        }

        /** The next event, or an AssertionError when none comes within {@code within}. */
        public Event next(Duration within) {
            Object next;
            try {
                next = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null) {
                throw new AssertionError("no event within " + within);
            }
            if (next == END) {
                events.add(END);
                throw new AssertionError("the stream ended instead");
            }
            return (Event) next;
        }

        public Event next() {
            return next(Duration.ofSeconds(10));
        }

        public List<Event> next(int count) {
            List<Event> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                received.add(next());
            }
            return received;
        }

        /** Waits for {@code count} more keep-alive comments, then says whether no event came meanwhile. */
        public boolean quietFor(int count) {
            int target = keepAlives.get() + count;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (keepAlives.get() < target && !ended) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no keep-alive within 20 s");
                }
                sleep();
            }
            return events.isEmpty();
        }

        public int keepAlives() {
            return keepAlives.get();
        }

        public List<String> comments() {
            return comments;
        }

        /** Whether the server ended the stream within {@code within}. */
        public boolean awaitEnd(Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (!ended && System.nanoTime() < deadline) {
                sleep();
            }
            return ended;
        }

        public boolean hasEnded() {
            return ended;
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already gone
            }
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, name, data.toString(), json));
                        }
                        id = null;
                        name = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        String comment = line.substring(1).trim();
                        comments.add(comment);
                        if (comment.equals("keep-alive")) {
                            keepAlives.incrementAndGet();
                        }
                    } else if (line.startsWith("id:")) {
                        id = value(line, 3);
                    } else if (line.startsWith("event:")) {
                        name = value(line, 6);
                    } else if (line.startsWith("data:")) {
                        data = data == null ? new StringBuilder(value(line, 5)) : data.append('\n').append(value(line, 5));
                    }
                }
            } catch (IOException e) {
                // closed by the test or cut by the server
            } finally {
                ended = true;
                events.add(END);
            }
        }

        private static String value(String line, int after) {
            String value = line.substring(after);
            return value.startsWith(" ") ? value.substring(1) : value;
        }

        private static void sleep() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
