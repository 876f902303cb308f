package io.parley.app.retention;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.parley.app.config.LocalRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code parley retention [--dry-run]}: one run for cron or a Kubernetes job. Starts the application context
 * without the HTTP server, with the database and secret {@code serve} would use, prints the report (JSON) and
 * exits: 0 done, 1 failed, 2 usage error, 3 skipped because another instance holds the lock.
 */
public final class RetentionCommand {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCKED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RetentionCommand.class);

    private RetentionCommand() {
    }

    public static int run(String[] args, LocalRuntime runtime) {
        Boolean dryRun = dryRun(args);
        if (dryRun == null) {
            return USAGE;
        }
        Map<String, Object> properties = new HashMap<>(runtime.startDatabaseIfNeeded());
        properties.put("parley.jwt.secret", runtime.jwtSecret());
        return run(dryRun, properties, System.out);
    }

    /** For tests: the context gets exactly {@code properties} (plus the schedule switched off). */
    static int run(String[] args, Map<String, Object> properties, PrintStream out) {
        Boolean dryRun = dryRun(args);
        return dryRun == null ? USAGE : run(dryRun, properties, out);
    }

    private static int run(boolean dryRun, Map<String, Object> properties, PrintStream out) {
        Map<String, Object> context = new HashMap<>(properties);
        // a one-shot process: the nightly schedule must not fire in it
        context.put("parley.retention.enabled", "false");
        try (ApplicationContext application = ApplicationContext.builder().properties(context).banner(false).start()) {
            RetentionReport report = application.getBean(RetentionJob.class).run(dryRun);
            out.println(new String(application.getBean(JsonMapper.class).writeValueAsBytes(report), StandardCharsets.UTF_8));
            out.flush();
            return DONE;
        } catch (RetentionLockHeldException skipped) {
            return LOCKED;
        } catch (IOException | RuntimeException e) {
            // the class only: driver messages can quote row values (the job itself logged what it had done)
            LOG.error("retention run failed: {}", e.getClass().getName());
            return FAILED;
        }
    }

    private static Boolean dryRun(String[] args) {
        boolean dryRun = false;
        for (String arg : args) {
            if ("--dry-run".equals(arg)) {
                dryRun = true;
            } else {
                LOG.error("unknown argument '{}': usage: retention [--dry-run]", arg);
                return null;
            }
        }
        return dryRun;
    }
}
