package io.parley.ticketing.application.port.in;

import io.parley.kernel.MalformedRequestException;

import java.util.regex.Pattern;

/** A queue stream's event id, as a client sends it back in {@code Last-Event-ID}: a change number in decimal. */
public record QueuePosition(long number) {

    public static final String FIELD = "Last-Event-ID";
    private static final Pattern WIRE = Pattern.compile("^(0|[1-9][0-9]{0,17})$");

    public QueuePosition {
        if (number < 0) {
            throw new IllegalArgumentException("change numbers are not negative");
        }
    }

    /** Anything but an id this stream issues is a 400 naming the header. */
    public static QueuePosition parse(String lastEventId) {
        if (lastEventId == null || !WIRE.matcher(lastEventId).matches()) {
            throw notOfThisStream();
        }
        return new QueuePosition(Long.parseLong(lastEventId));
    }

    public static MalformedRequestException notOfThisStream() {
        return new MalformedRequestException(FIELD, "is not an event id of this stream");
    }

    public String wire() {
        return Long.toString(number);
    }
}
