package io.parley.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request line, headers and body go out byte for byte as the test
 * wrote them (invalid UTF-8, NUL, oversized headers and URLs), which no well-behaved client allows.
 * One request per connection ({@code Connection: close}); the response is read to the end.
 */
final class RawHttp {

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A response as bytes on the wire, decoded leniently (the test inspects what came back, invalid or not). */
    record Response(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /** {@code target} is sent verbatim as the request target (latin-1, so any byte can be written). */
    Response send(String method, byte[] target, Map<String, byte[]> headers, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
            head.write(target);
            head.write(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            header(head, "Host", ("127.0.0.1:" + port).getBytes(StandardCharsets.ISO_8859_1));
            header(head, "Connection", "close".getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> entry : headers.entrySet()) {
                header(head, entry.getKey(), entry.getValue());
            }
            if (body != null) {
                header(head, "Content-Length", String.valueOf(body.length).getBytes(StandardCharsets.ISO_8859_1));
            }
            head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (SocketException refusedMidway) {
                // the server may answer (413, 431) and close before it has read everything: read its answer
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(ByteArrayOutputStream head, String name, byte[] value) throws IOException {
        head.write(name.getBytes(StandardCharsets.ISO_8859_1));
        head.write(": ".getBytes(StandardCharsets.ISO_8859_1));
        head.write(value);
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (SocketException reset) {
            throw new IOException("connection reset before a response", reset);
        }
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] raw = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            raw = dechunk(raw);
        }
        return new Response(status, headers, new String(raw, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int lineEnd = at;
            while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            body.write(raw, lineEnd + 2, Math.min(length, raw.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return body.toByteArray();
    }
}
