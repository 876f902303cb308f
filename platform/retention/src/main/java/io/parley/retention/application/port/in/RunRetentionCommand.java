package io.parley.retention.application.port.in;

import io.parley.kernel.RuleViolationException;

import java.util.Locale;

/**
 * One retention run: for real, or dry (walks the same batches read-only and changes nothing, archive included).
 * Adapters build it from what their caller said; {@link #fromDryRunParameter} is the admin endpoint's strict
 * reading of {@code ?dry_run=}.
 */
public record RunRetentionCommand(boolean dryRun) {

    public static final RunRetentionCommand REAL = new RunRetentionCommand(false);
    public static final RunRetentionCommand DRY = new RunRetentionCommand(true);

    /**
     * {@code true} or {@code false} (case and surrounding blanks aside), nothing else: a lenient boolean conversion
     * would turn a typo into a real purge.
     *
     * @throws RuleViolationException on field {@code dry_run} otherwise
     */
    public static RunRetentionCommand fromDryRunParameter(String raw) {
        return switch (raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> DRY;
            case "false" -> REAL;
            default -> throw new RuleViolationException("dry_run", "must be true or false");
        };
    }
}
