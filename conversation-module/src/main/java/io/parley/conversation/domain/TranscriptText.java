package io.parley.conversation.domain;

import java.util.Locale;

/**
 * How a conversation reads as a transcript for people: plain text (also the first comment of a
 * helpdesk ticket) and Markdown. A header, then one block per message, oldest first; each piece is
 * produced on its own so a long conversation can be written out message by message.
 */
public final class TranscriptText {

    private TranscriptText() {
    }

    public static String plainHeader(Conversation conversation) {
        StringBuilder text = new StringBuilder()
                .append("Conversation ").append(conversation.id()).append('\n')
                .append("Channel: ").append(conversation.channel().wireValue())
                .append(" | Locale: ").append(orDash(conversation.locale()))
                .append(" | Status: ").append(conversation.status().wireValue())
                .append(" | Messages: ").append(conversation.messageCount()).append('\n')
                .append("Started: ").append(conversation.startedAt())
                .append(" | Updated: ").append(conversation.updatedAt())
                .append(" | Ended: ").append(orDash(conversation.endedAt())).append('\n');
        if (conversation.summary() != null) {
            text.append("Summary: ").append(conversation.summary()).append('\n');
        }
        return text.append('\n').toString();
    }

    /** {@code [time] #seq Role: content}, continuation lines indented so every message stays one block. */
    public static String plainMessage(Message message) {
        return "[" + message.createdAt() + "] #" + message.seq() + " " + label(message.role()) + ": "
                + message.content().replace("\r\n", "\n").replace("\n", "\n    ") + "\n";
    }

    public static String markdownHeader(Conversation conversation) {
        StringBuilder text = new StringBuilder()
                .append("# Conversation ").append(conversation.id()).append("\n\n")
                .append("- **Channel:** ").append(conversation.channel().wireValue()).append('\n')
                .append("- **Locale:** ").append(orDash(conversation.locale())).append('\n')
                .append("- **Status:** ").append(conversation.status().wireValue()).append('\n')
                .append("- **Messages:** ").append(conversation.messageCount()).append('\n')
                .append("- **Started:** ").append(conversation.startedAt()).append('\n')
                .append("- **Updated:** ").append(conversation.updatedAt()).append('\n')
                .append("- **Ended:** ").append(orDash(conversation.endedAt())).append('\n');
        if (conversation.summary() != null) {
            text.append("- **Summary:** ").append(conversation.summary().replace("\n", " ")).append('\n');
        }
        return text.append('\n').toString();
    }

    /** A bold role and time, then the content as a block quote so what people wrote never becomes the transcript's own structure. */
    public static String markdownMessage(Message message) {
        return "**" + label(message.role()) + "** · " + message.createdAt() + " · #" + message.seq() + "\n\n> "
                + message.content().replace("\r\n", "\n").replace("\n", "\n> ") + "\n\n";
    }

    public static String label(MessageRole role) {
        String wire = role.wireValue();
        return wire.substring(0, 1).toUpperCase(Locale.ROOT) + wire.substring(1);
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
