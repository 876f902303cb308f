package io.parley.app.retention;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code parley.retention.*}: every default lives here (application.yml only documents the keys).
 *
 * <pre>
 * parley.retention:
 *   enabled: true               # the nightly schedule only; the admin endpoint and the CLI always work
 *   cron: "0 30 3 * * *"        # read by RetentionSchedule's @Scheduled, in UTC
 *   batch-size: 1000            # conversations per batch (each batch one short transaction)
 *   row-batch-size: 5000        # agent trace / request log rows per batch
 *   pause: 200ms                # between two batches, so live traffic gets the database in between
 *   closed-conversations: {enabled: true, days: 90, action: delete}   # action: delete | archive
 *   idle-conversations:   {enabled: true, days: 180}                  # open and idle that long: closed
 *   agent-traces:         {enabled: true, days: 30}
 *   api-requests:         {enabled: true, days: 30}
 *   archive:
 *     directory: data/retention-archive
 * </pre>
 *
 * The action is a property of the closed-conversation policy only: the archive format is one line per
 * conversation, idle conversations are only closed, and traces and request logs are telemetry with no
 * archive value, so they are deleted.
 */
@ConfigurationProperties("parley.retention")
public class RetentionSettings {

    public enum Action {
        DELETE, ARCHIVE;

        public String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private boolean enabled = true;
    private int batchSize = 1000;
    private int rowBatchSize = 5000;
    private Duration pause = Duration.ofMillis(200);
    private ClosedConversations closedConversations = new ClosedConversations();
    private IdleConversations idleConversations = new IdleConversations();
    private AgentTraces agentTraces = new AgentTraces();
    private ApiRequests apiRequests = new ApiRequests();
    private Archive archive = new Archive();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = within("parley.retention.batch-size", batchSize, 1, 10_000);
    }

    public int getRowBatchSize() {
        return rowBatchSize;
    }

    public void setRowBatchSize(int rowBatchSize) {
        this.rowBatchSize = within("parley.retention.row-batch-size", rowBatchSize, 1, 100_000);
    }

    public Duration getPause() {
        return pause;
    }

    public void setPause(Duration pause) {
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("parley.retention.pause must be zero or more, e.g. 200ms");
        }
        this.pause = pause;
    }

    public ClosedConversations getClosedConversations() {
        return closedConversations;
    }

    public void setClosedConversations(ClosedConversations closedConversations) {
        this.closedConversations = closedConversations;
    }

    public IdleConversations getIdleConversations() {
        return idleConversations;
    }

    public void setIdleConversations(IdleConversations idleConversations) {
        this.idleConversations = idleConversations;
    }

    public AgentTraces getAgentTraces() {
        return agentTraces;
    }

    public void setAgentTraces(AgentTraces agentTraces) {
        this.agentTraces = agentTraces;
    }

    public ApiRequests getApiRequests() {
        return apiRequests;
    }

    public void setApiRequests(ApiRequests apiRequests) {
        this.apiRequests = apiRequests;
    }

    public Archive getArchive() {
        return archive;
    }

    public void setArchive(Archive archive) {
        this.archive = archive;
    }

    /** A time window in whole days; disabled, its data is kept forever. */
    public abstract static class Window {

        private final String key;
        private boolean enabled = true;
        private int days;

        Window(String key, int days) {
            this.key = key;
            this.days = days;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getDays() {
            return days;
        }

        public void setDays(int days) {
            this.days = within("parley.retention." + key + ".days", days, 1, 36_500);
        }

        /**
         * The cutoff for a run at {@code now}: {@code days} before it, rounded down to the whole second; rows
         * strictly older go, a row exactly at the cutoff stays. Rounding down never takes a row younger than
         * the window, and the cutoff a report shows is the one that was applied. Null when disabled.
         */
        public Instant cutoff(Instant now) {
            return enabled ? now.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS) : null;
        }
    }

    @ConfigurationProperties("closed-conversations")
    public static class ClosedConversations extends Window {

        private Action action = Action.DELETE;

        public ClosedConversations() {
            super("closed-conversations", 90);
        }

        public Action getAction() {
            return action;
        }

        public void setAction(Action action) {
            if (action == null) {
                throw new IllegalArgumentException("parley.retention.closed-conversations.action must be delete or archive");
            }
            this.action = action;
        }
    }

    @ConfigurationProperties("idle-conversations")
    public static class IdleConversations extends Window {

        public IdleConversations() {
            super("idle-conversations", 180);
        }
    }

    @ConfigurationProperties("agent-traces")
    public static class AgentTraces extends Window {

        public AgentTraces() {
            super("agent-traces", 30);
        }
    }

    @ConfigurationProperties("api-requests")
    public static class ApiRequests extends Window {

        public ApiRequests() {
            super("api-requests", 30);
        }
    }

    @ConfigurationProperties("archive")
    public static class Archive {

        private Path directory = Path.of("data", "retention-archive");

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    private static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", not " + value);
        }
        return value;
    }
}
