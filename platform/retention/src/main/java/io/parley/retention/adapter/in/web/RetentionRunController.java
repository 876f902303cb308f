package io.parley.retention.adapter.in.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.domain.RetentionReport;

/**
 * Operations: an admin runs the retention job now, or a dry run of it. 409 (the kernel's ConflictException,
 * mapped by platform/app) when another run holds the lock.
 */
@Controller("/api/v1/admin/retention")
@Secured("admin")
class RetentionRunController {

    private final RunRetentionUseCase job;

    RetentionRunController(RunRetentionUseCase job) {
        this.job = job;
    }

    /**
     * Runs every enabled retention policy once and answers what was archived and deleted per table (with
     * {@code dry_run=true}, what would be, changing nothing). Without {@code dry_run} it is a real run, like the
     * nightly one. 409 when another run holds the lock; 422 when {@code dry_run} is neither true nor false.
     */
    @Post("/run")
    RetentionReport run(@QueryValue(value = "dry_run", defaultValue = "false") String dryRun) {
        // taken as a String: the command reads it strictly
        return job.run(RunRetentionCommand.fromDryRunParameter(dryRun));
    }
}
