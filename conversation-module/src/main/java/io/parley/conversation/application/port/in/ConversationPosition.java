package io.parley.conversation.application.port.in;

import io.parley.kernel.MalformedRequestException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a conversation's event stream stands: the last message seq it sent, the last change number of the
 * ticket it sent, and whether it sent the conversation as closed. On the wire it is the event id
 * {@code <seq>-<ticket change>-<0|1>} (opaque to clients; each event's id is larger than the one before in
 * one part and equal in the others), which a client sends back as {@code Last-Event-ID}.
 */
public record ConversationPosition(long seq, long ticketChange, boolean closed) {

    public static final String FIELD = "Last-Event-ID";
    private static final Pattern WIRE = Pattern.compile("^(0|[1-9][0-9]{0,17})-(0|[1-9][0-9]{0,17})-([01])$");

    public ConversationPosition {
        if (seq < 0 || ticketChange < 0) {
            throw new IllegalArgumentException("positions are not negative");
        }
    }

    /** A {@code Last-Event-ID} as this stream issues them; anything else is a 400 naming the header. */
    public static ConversationPosition parse(String lastEventId) {
        Matcher matcher = lastEventId == null ? null : WIRE.matcher(lastEventId);
        if (matcher == null || !matcher.matches()) {
            throw new MalformedRequestException(FIELD, "is not an event id of this stream");
        }
        return new ConversationPosition(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), matcher.group(3).equals("1"));
    }

    public String wire() {
        return seq + "-" + ticketChange + "-" + (closed ? 1 : 0);
    }

    public ConversationPosition withSeq(long newSeq) {
        return new ConversationPosition(newSeq, ticketChange, closed);
    }

    public ConversationPosition withTicketChange(long change) {
        return new ConversationPosition(seq, change, closed);
    }

    public ConversationPosition asClosed() {
        return new ConversationPosition(seq, ticketChange, true);
    }

    /** Whether every part is at or before {@code other}'s: a resume position must not lie ahead of the conversation. */
    public boolean isNotAfter(ConversationPosition other) {
        return seq <= other.seq && ticketChange <= other.ticketChange && (!closed || other.closed);
    }
}
