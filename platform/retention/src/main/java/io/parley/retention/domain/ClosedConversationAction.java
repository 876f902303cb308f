package io.parley.retention.domain;

import java.util.Locale;

/**
 * What happens to an expired closed conversation. Only that policy has an action: the archive format is one
 * line per conversation, idle conversations are only closed, and traces and request logs are telemetry with
 * no archive value, so they are deleted.
 */
public enum ClosedConversationAction {
    DELETE, ARCHIVE;

    /** As configured and as a report shows it: {@code delete} or {@code archive}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
