package io.parley.ticketing.adapter.out.helpdesk;

import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;

/** The text a human in any helpdesk reads first: what the ticket is, why it came, then the whole conversation. */
final class HandoffText {

    private HandoffText() {
    }

    static String plain(HandoffRequest request) {
        StringBuilder text = new StringBuilder()
                .append("Parley ticket ").append(request.ticketNumber()).append(", escalated from the AI assistant.\n")
                .append("Priority: ").append(request.priority().wireValue()).append('\n');
        line(text, "Reason", request.reason());
        line(text, "Summary", request.summary());
        line(text, "Description", request.description());
        text.append("Parley ticket id: ").append(request.ticketId()).append('\n')
                .append("Conversation id: ").append(request.conversationId()).append("\n\n")
                .append("--- Transcript ---\n")
                .append(request.transcript());
        return text.toString();
    }

    static String html(HandoffRequest request) {
        return "<pre>" + escape(plain(request)) + "</pre>";
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
