package io.parley.retention.adapter.in.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.parley.retention.domain.ClosedConversationAction;
import io.parley.retention.domain.RetentionSettings;
import io.parley.retention.domain.RetentionWindow;

import java.time.Duration;

/**
 * {@code parley.retention.*}: every default lives in code (application.yml only documents the keys); those of the
 * run here, the schedule's ({@code enabled}, {@code cron}) on RetentionSchedule, the archive directory's on the
 * local-directory archive adapter.
 *
 * <pre>
 * parley.retention:
 *   enabled: true               # the nightly schedule only (RetentionSchedule's @Requires); the admin endpoint and the CLI always work
 *   cron: "0 30 3 * * *"        # read by RetentionSchedule's @Scheduled, in UTC
 *   batch-size: 100             # the most conversations per batch (each batch one short transaction)
 *   batch-budget: 50ms          # the time box: conversation batches are sized to take about this long
 *   row-batch-size: 5000        # agent trace / request log rows per batch
 *   pause: 200ms                # between two batches, so live traffic gets the database in between
 *   closed-conversations: {enabled: true, days: 90, action: delete}   # action: delete | archive
 *   idle-conversations:   {enabled: true, days: 180}                  # open and idle that long: closed
 *   agent-traces:         {enabled: true, days: 30}
 *   api-requests:         {enabled: true, days: 30}
 *   archive:
 *     directory: data/retention-archive   # read by the local-directory archive adapter
 * </pre>
 *
 * A value out of its range stops the application at startup, naming the key. The run gets the values as the
 * domain's {@link RetentionSettings} ({@link #toSettings()}).
 *
 * <p>The conversation batches are time-boxed ({@code batch-budget}); {@code batch-size} is only the ceiling the time
 * box grows to. Why 50 ms, 100 and 200 ms, from benchmark 4's figures: docs/architecture.md, "Retention: time-boxed
 * conversation batches".
 */
@ConfigurationProperties("parley.retention")
class RetentionProperties {

    /** A batch's transaction is meant to be short: a budget beyond a minute is a mistake, not a setting. */
    private static final Duration MAX_BATCH_BUDGET = Duration.ofMinutes(1);

    private int batchSize = 100;
    private int rowBatchSize = 5000;
    private Duration pause = Duration.ofMillis(200);
    private Duration batchBudget = Duration.ofMillis(50);
    private ClosedConversations closedConversations = new ClosedConversations();
    private IdleConversations idleConversations = new IdleConversations();
    private AgentTraces agentTraces = new AgentTraces();
    private ApiRequests apiRequests = new ApiRequests();

    RetentionSettings toSettings() {
        return new RetentionSettings(batchSize, rowBatchSize, pause, batchBudget, closedConversations.toWindow(),
                closedConversations.getAction(), idleConversations.toWindow(), agentTraces.toWindow(), apiRequests.toWindow());
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

    public Duration getBatchBudget() {
        return batchBudget;
    }

    public void setBatchBudget(Duration batchBudget) {
        if (batchBudget == null || batchBudget.isZero() || batchBudget.isNegative() || batchBudget.compareTo(MAX_BATCH_BUDGET) > 0) {
            throw new IllegalArgumentException("parley.retention.batch-budget must be more than 0 and at most 1m, e.g. 50ms, not "
                    + batchBudget);
        }
        this.batchBudget = batchBudget;
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

        RetentionWindow toWindow() {
            return new RetentionWindow(enabled, days);
        }
    }

    @ConfigurationProperties("closed-conversations")
    public static class ClosedConversations extends Window {

        private ClosedConversationAction action = ClosedConversationAction.DELETE;

        public ClosedConversations() {
            super("closed-conversations", 90);
        }

        public ClosedConversationAction getAction() {
            return action;
        }

        public void setAction(ClosedConversationAction action) {
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

    private static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", not " + value);
        }
        return value;
    }
}
