package io.parley.conversation.adapter.in.web;

import io.micronaut.http.MediaType;
import io.parley.kernel.RuleViolationException;

import java.util.Locale;

/** {@code ?format=} of a transcript: text (the default), markdown or json. */
enum TranscriptFormat {
    TEXT("text/plain; charset=utf-8", "txt"),
    MARKDOWN("text/markdown; charset=utf-8", "md"),
    JSON(MediaType.APPLICATION_JSON, "json");

    final String contentType;
    final String fileExtension;

    TranscriptFormat(String contentType, String fileExtension) {
        this.contentType = contentType;
        this.fileExtension = fileExtension;
    }

    static TranscriptFormat parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return TEXT;
        }
        for (TranscriptFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return format;
            }
        }
        throw new RuleViolationException("format", "must be one of text, markdown, json");
    }
}
