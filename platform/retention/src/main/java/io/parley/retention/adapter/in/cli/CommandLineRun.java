package io.parley.retention.adapter.in.cli;

import io.micronaut.json.JsonMapper;
import io.parley.retention.api.RetentionCommand;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.domain.RetentionReport;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code parley retention}: the run itself, once {@link RetentionCommand} has started the context. */
@Singleton
class CommandLineRun implements RetentionCommand.Run {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLineRun.class);

    private final RunRetentionUseCase job;
    private final JsonMapper json;

    CommandLineRun(RunRetentionUseCase job, JsonMapper json) {
        this.job = job;
        this.json = json;
    }

    @Override
    public int once(boolean dryRun, PrintStream out) {
        try {
            RetentionReport report = job.run(dryRun ? RunRetentionCommand.DRY : RunRetentionCommand.REAL);
            out.println(new String(json.writeValueAsBytes(report), StandardCharsets.UTF_8));
            out.flush();
            return RetentionCommand.DONE;
        } catch (RetentionLockHeldException skipped) {
            return RetentionCommand.LOCKED;
        } catch (IOException | RuntimeException e) {
            // the class only: driver messages can quote row values (the job itself logged what it had done)
            LOG.error("retention run failed: {}", e.getClass().getName());
            return RetentionCommand.FAILED;
        }
    }
}
