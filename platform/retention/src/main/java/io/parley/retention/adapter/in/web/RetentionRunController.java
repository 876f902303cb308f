package io.parley.retention.adapter.in.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_ADMIN;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;

/**
 * Operations: an admin runs the retention job now, or a dry run of it. 409 (the kernel's ConflictException,
 * mapped by platform/app) when another run holds the lock.
 */
@Controller("/api/v1/admin/retention")
@Secured("admin")
@Tag(name = TAG_ADMIN)
@SecurityRequirement(name = BEARER)
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
    @Operation(operationId = "runRetention", summary = "Run the retention job now, or a dry run of it (admin)",
            description = "As the nightly schedule does; with dry_run=true it reports what it would do and changes nothing.")
    @ApiResponse(responseCode = "200", description = "The run's report", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "Another run holds the lock",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = "dry_run is neither true nor false",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    RetentionRunResponse run(@QueryValue(value = "dry_run", defaultValue = "false")
                          @Parameter(name = "dry_run", description = "true or false, in any case; anything else is 422 (a typo never"
                                  + " becomes a real purge)", schema = @Schema(type = "boolean", defaultValue = "false")) String dryRun) {
        // taken as a String: the command reads it strictly
        return RetentionRunResponse.of(job.run(RunRetentionCommand.fromDryRunParameter(dryRun)));
    }
}
