package io.parley.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The half-open window {@code [from, to)} of a statistics query, from {@code ?from=&to=} as clients
 * send them: RFC 3339 with an offset; {@code to} defaults to now, {@code from} to {@code defaultLength}
 * before {@code to}; {@code from} before {@code to}; at most {@code maxLength} long, so one query cannot
 * scan a whole table. Anything else is a rule violation (422) naming the parameter.
 */
public record TimeWindow(Instant from, Instant to) {

    public static TimeWindow of(String rawFrom, String rawTo, Instant now, Duration defaultLength, Duration maxLength) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = parse(rawFrom, "from", errors);
        Instant to = parse(rawTo, "to", errors);
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
        to = to != null ? to : now;
        from = from != null ? from : to.minus(defaultLength);
        if (!from.isBefore(to)) {
            throw new RuleViolationException("from", "must be before to (to defaults to now)");
        }
        if (from.plus(maxLength).isBefore(to)) {
            throw new RuleViolationException("from", "the window from..to must be at most " + maxLength.toDays() + " days");
        }
        return new TimeWindow(from, to);
    }

    private static Instant parse(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant instant = Timestamps.parse(raw).orElse(null);
        if (instant == null) {
            errors.add(new FieldError(field, Timestamps.FORMAT_MESSAGE));
            return null;
        }
        if (!Timestamps.inRange(instant)) {
            errors.add(new FieldError(field, Timestamps.RANGE_MESSAGE));
            return null;
        }
        return instant;
    }
}
