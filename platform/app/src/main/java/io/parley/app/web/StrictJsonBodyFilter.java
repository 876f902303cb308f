package io.parley.app.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import io.parley.kernel.FilterScope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docs/api.md: JSON bodies are UTF-8, and a body that is not exactly one JSON value is a 400. The JSON
 * binder of the framework is lenient in four ways this filter closes before any controller runs:
 * <ul>
 *   <li>a body with a {@code Content-Type} it cannot parse (e.g. {@code garbage}) would be read as JSON —
 *       here any type but {@code application/json} and {@code application/*+json} is a 415;</li>
 *   <li>invalid UTF-8 (stray bytes, overlong encodings, encoded surrogates) would be decoded with
 *       replacement characters or into lone surrogates — here it is decoded strictly
 *       ({@link CodingErrorAction#REPORT});</li>
 *   <li>a duplicate member ({@code {"to":"A","to":"B"}}) would silently keep one of the values —
 *       here Jackson's {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION} rejects it;</li>
 *   <li>data after the first JSON value ({@code {...}{...}}) would be ignored — here it is an error.</li>
 * </ul>
 * One streaming pass over the bytes, without building a tree; bodies are bounded per route by
 * {@link RequestBodyLimitFilter}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN) // POST, PUT and PATCH, chosen in the filter (FilterScope)
final class StrictJsonBodyFilter implements Ordered {

    private final RequestBodyLimitFilter limits;

    StrictJsonBodyFilter(RequestBodyLimitFilter limits) {
        this.limits = limits;
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public int getOrder() {
        // after authentication: an anonymous caller of a protected route gets its 401 without the body being read
        // and after RejectInvalidTokenFilter: a bad token is a 401 whatever the body
        return ServerFilterPhase.SECURITY.after() + 1;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !FilterScope.sendsBody(request.getMethodName())) {
            return null;
        }
        if (body.length > limits.limitFor(request)) {
            // a chunked body declares no length: measured here, once buffered, before any controller runs
            return RequestBodyLimitFilter.tooLarge();
        }
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        return isOneStrictJsonValue(body) ? null : problem(HttpStatus.BAD_REQUEST);
    }

    private static HttpResponse<?> problem(HttpStatus status) {
        return Problems.respond(HttpResponse.status(status), status, Problems.genericDetail(status), List.of(), Map.of());
    }

    /**
     * {@code application/json} or {@code application/<anything>+json}, parameters aside. Read from the raw header:
     * the framework's media-type parser takes an unparseable type such as {@code garbage} for JSON.
     */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals(MediaType.APPLICATION_JSON) || (type.startsWith("application/") && type.endsWith("+json"));
    }

    static boolean isOneStrictJsonValue(byte[] body) {
        if (isAscii(body)) {
            // ASCII is valid UTF-8 as it is: parse the bytes without a decoded copy
            try (JsonParser parser = JSON.createParser(body)) {
                return isOneValue(parser);
            } catch (IOException e) {
                return false;
            }
        }
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining())) {
            return isOneValue(parser);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isOneValue(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return false;
        }
        parser.skipChildren();
        return parser.nextToken() == null;
    }

    /** Printable ASCII and controls but NUL: zero bytes would let the parser guess UTF-16 or UTF-32. */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }
}
