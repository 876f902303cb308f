package io.parley.app.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.parley.app.retention.RetentionJob;
import io.parley.app.retention.RetentionReport;
import io.parley.kernel.RuleViolationException;

import java.util.Locale;

/** API.md "Operations": an admin runs the retention job now, or a dry run of it. */
@Controller("/api/v1/admin/retention")
@Secured("admin")
class RetentionRunController {

    private final RetentionJob job;

    RetentionRunController(RetentionJob job) {
        this.job = job;
    }

    /**
     * Runs every enabled retention policy once and answers what was archived and deleted per table (with
     * {@code dry_run=true}, what would be, changing nothing). Without {@code dry_run} it is a real run, like the
     * nightly one. 409 when another run holds the lock; 422 when {@code dry_run} is neither true nor false.
     */
    @Post("/run")
    RetentionReport run(@QueryValue(value = "dry_run", defaultValue = "false") String dryRun) {
        return job.run(parse(dryRun));
    }

    // taken as a String: a lenient boolean conversion would turn a typo into a real purge
    private static boolean parse(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new RuleViolationException("dry_run", "must be true or false");
        };
    }
}
