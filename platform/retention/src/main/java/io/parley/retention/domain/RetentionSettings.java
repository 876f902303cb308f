package io.parley.retention.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What a run applies: the batch sizes, the conversation batches' time budget, the pause between batches, and each
 * policy's window. Bound from {@code parley.retention.*} (where the defaults and the ranges live) by the
 * configuration adapter.
 *
 * @param batchSize           the most conversations one batch takes, each batch one short transaction
 * @param rowBatchSize        agent trace / request log rows per batch
 * @param pause               between two batches, so live traffic gets the database in between
 * @param batchBudget         how long a conversation batch should take: the time box sizes the batches (up to
 *                            {@code batchSize}) so that each one's transaction lasts about this long
 * @param closedConversations closed conversations older than this are purged ...
 * @param closedAction        ... and archived first with {@link ClosedConversationAction#ARCHIVE}
 * @param idleConversations   open conversations idle this long are closed
 */
public record RetentionSettings(int batchSize, int rowBatchSize, Duration pause, Duration batchBudget,
                                RetentionWindow closedConversations, ClosedConversationAction closedAction,
                                RetentionWindow idleConversations, RetentionWindow agentTraces, RetentionWindow apiRequests) {

    public RetentionSettings {
        if (batchSize < 1 || rowBatchSize < 1) {
            throw new IllegalArgumentException("batch sizes are at least 1");
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("the pause between batches is zero or more");
        }
        if (batchBudget == null || batchBudget.isZero() || batchBudget.isNegative()) {
            throw new IllegalArgumentException("the batch budget is more than zero");
        }
        Objects.requireNonNull(closedConversations, "closedConversations");
        Objects.requireNonNull(closedAction, "closedAction");
        Objects.requireNonNull(idleConversations, "idleConversations");
        Objects.requireNonNull(agentTraces, "agentTraces");
        Objects.requireNonNull(apiRequests, "apiRequests");
    }

    /** The window of a policy. */
    public RetentionWindow window(RetentionPolicy policy) {
        return switch (policy) {
            case AGENT_TRACES -> agentTraces;
            case API_REQUESTS -> apiRequests;
            case IDLE_CONVERSATIONS -> idleConversations;
            case CLOSED_CONVERSATIONS -> closedConversations;
        };
    }
}
