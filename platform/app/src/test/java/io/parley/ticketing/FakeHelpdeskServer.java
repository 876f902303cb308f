package io.parley.ticketing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A helpdesk REST API on a random local port: answers with the scripted replies in order (then
 * 201 with a fresh ticket id) and records every request. A {@link Reply#hang()} never answers until
 * the test releases it, so the client's timeout fires.
 */
public final class FakeHelpdeskServer implements AutoCloseable {

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(9001);
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    private FakeHelpdeskServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeHelpdeskServer start() {
        try {
            return new FakeHelpdeskServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void script(Reply... replies) {
        script.addAll(List.of(replies));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        script.clear();
        requests.clear();
        hanging.countDown();
        hanging = new CountDownLatch(1);
    }

    @Override
    public void close() {
        hanging.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().get(0), (a, b) -> a))),
                new String(body, StandardCharsets.UTF_8)));
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.created("{\"ticket\":{\"id\":" + nextId.getAndIncrement() + "},\"id\":" + nextId.get() + "}");
        }
        if (reply.hangs()) {
            try {
                hanging.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    public record Request(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Reply(int status, Map<String, String> headers, String body, boolean hangs) {

        public static Reply created(String body) {
            return new Reply(201, Map.of(), body, false);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "{\"error\":\"scripted " + status + "\"}", false);
        }

        public static Reply tooManyRequests(String retryAfter) {
            return new Reply(429, Map.of("Retry-After", retryAfter), "{\"error\":\"slow down\"}", false);
        }

        public static Reply hang() {
            return new Reply(0, Map.of(), "", true);
        }
    }
}
