package io.parley.app.ratelimit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The two facts a limit needs from a body before the controller reads it: whether a chat turn names a
 * session, and how many spans a trace batch carries. One streaming pass over the top-level object, no tree,
 * no binding; a body it cannot read is answered as "no session" / "one span" (the controller then refuses
 * it as usual).
 */
final class BodyFields {

    private static final JsonFactory JSON = new JsonFactory();

    /** What a chat turn says about its conversation. */
    enum SessionField { ABSENT, PRESENT }

    /** The chat turn's {@code session_id}: its text, or null when absent, null, blank or not a string. */
    record Session(SessionField field, String sessionId) {
        static final Session ABSENT = new Session(SessionField.ABSENT, null);

        boolean startsAConversation() {
            return field == SessionField.ABSENT;
        }
    }

    private BodyFields() {
    }

    /**
     * A chat turn's {@code session_id}. Absent, JSON null or blank means the turn starts a conversation; any
     * other value continues one (a non-string is the controller's 400/422, and starts nothing).
     */
    static Session chatSession(byte[] body) {
        if (body == null || body.length == 0) {
            return Session.ABSENT;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Session.ABSENT;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("session_id".equals(name)) {
                    if (value == JsonToken.VALUE_NULL) {
                        return Session.ABSENT;
                    }
                    if (value == JsonToken.VALUE_STRING) {
                        String text = parser.getText();
                        return text.isBlank() ? Session.ABSENT : new Session(SessionField.PRESENT, text);
                    }
                    return new Session(SessionField.PRESENT, null);
                }
                parser.skipChildren();
            }
            return Session.ABSENT;
        } catch (IOException e) {
            return Session.ABSENT;
        }
    }

    /** The number of elements of a trace batch's top-level {@code spans} array; at least 1. */
    static long spanCount(byte[] body) {
        if (body == null || body.length == 0) {
            return 1;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 1;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("spans".equals(name) && value == JsonToken.START_ARRAY) {
                    long count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        count++;
                    }
                    return Math.max(1, count);
                }
                parser.skipChildren();
            }
            return 1;
        } catch (IOException e) {
            return 1;
        }
    }
}
