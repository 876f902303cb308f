package io.parley.retention.api;

import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code parley retention [--dry-run]}: one run for cron or a Kubernetes job, what the deployable's main calls.
 * Reads the arguments, starts the application context without the HTTP server, with the properties the
 * deployable gives (its database and secret, as {@code serve} would use them), lets {@link Run} do the run and
 * print the report (JSON), and answers the exit code: 0 done, 1 failed, 2 usage error, 3 skipped because another
 * instance holds the lock.
 */
public final class RetentionCommand {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCKED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RetentionCommand.class);

    private RetentionCommand() {
    }

    /**
     * One run, the report on standard output.
     *
     * @param contextProperties what the application context needs to reach the database; asked only once the
     *                          arguments are known to be right (it may start an embedded database)
     */
    public static int run(String[] args, Supplier<Map<String, Object>> contextProperties) {
        return run(args, contextProperties, System.out);
    }

    /** As {@link #run(String[], Supplier)}, the report on {@code out}. */
    public static int run(String[] args, Supplier<Map<String, Object>> contextProperties, PrintStream out) {
        Boolean dryRun = dryRun(args);
        if (dryRun == null) {
            return USAGE;
        }
        Map<String, Object> context = new HashMap<>(contextProperties.get());
        // a one-shot process: the nightly schedule must not fire in it
        context.put("parley.retention.enabled", "false");
        try (ApplicationContext application = ApplicationContext.builder().properties(context).banner(false).start()) {
            return application.getBean(Run.class).once(dryRun, out);
        } catch (RuntimeException e) {
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

    /** The command's run inside the context it started (the retention module's command-line adapter). */
    public interface Run {

        /** Runs the job once, prints its report as one JSON line on {@code out}, and answers the exit code. */
        int once(boolean dryRun, PrintStream out);
    }
}
