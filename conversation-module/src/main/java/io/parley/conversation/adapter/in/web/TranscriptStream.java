package io.parley.conversation.adapter.in.web;

import io.micronaut.json.JsonMapper;
import io.parley.conversation.application.port.in.Transcript;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.TranscriptText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A transcript as a response body that is produced while the client reads it: the server pulls
 * from this stream in chunks, each chunk formats the next messages (which the transcript loads a
 * batch at a time), so a 100,000-message conversation never sits in memory as a whole.
 */
final class TranscriptStream extends InputStream {

    /** About how much formatted text is prepared per pull. */
    private static final int CHUNK_BYTES = 16 * 1024;

    private final Transcript transcript;
    private final TranscriptFormat format;
    private final boolean sessionVisible;
    private final JsonMapper json;
    private final Iterator<Message> messages;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean headerWritten;
    private boolean footerWritten;
    private boolean firstMessage = true;

    TranscriptStream(Transcript transcript, TranscriptFormat format, boolean sessionVisible, JsonMapper json) {
        this.transcript = transcript;
        this.sessionVisible = sessionVisible;
        this.format = format;
        this.json = json;
        this.messages = transcript.messages();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        while (position >= chunk.length) {
            if (footerWritten) {
                return false;
            }
            try {
                chunk = nextChunk();
            } catch (RuntimeException e) {
                throw new IOException("the transcript could not be read to the end", e);
            }
            position = 0;
        }
        return true;
    }

    private byte[] nextChunk() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK_BYTES + 1024);
        if (!headerWritten) {
            headerWritten = true;
            write(out, header());
        }
        while (out.size() < CHUNK_BYTES && messages.hasNext()) {
            write(out, message(messages.next()));
        }
        if (!messages.hasNext()) {
            footerWritten = true;
            write(out, footer());
        }
        return out.toByteArray();
    }

    private byte[] header() {
        return switch (format) {
            case TEXT -> utf8(TranscriptText.plainHeader(transcript.conversation()));
            case MARKDOWN -> utf8(TranscriptText.markdownHeader(transcript.conversation()));
            case JSON -> concat(utf8("{\"conversation\":"), json(ConversationResponses.ConversationResponse.of(transcript.conversation(), sessionVisible)),
                    utf8(",\"messages\":["));
        };
    }

    private byte[] message(Message message) {
        return switch (format) {
            case TEXT -> utf8(TranscriptText.plainMessage(message));
            case MARKDOWN -> utf8(TranscriptText.markdownMessage(message));
            case JSON -> {
                byte[] body = json(ConversationResponses.MessageResponse.of(message));
                boolean first = firstMessage;
                firstMessage = false;
                yield first ? body : concat(utf8(","), body);
            }
        };
    }

    private byte[] footer() {
        return format == TranscriptFormat.JSON ? utf8("]}\n") : new byte[0];
    }

    private byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
