package io.parley.conversation.api;

/**
 * What appending does with content longer than its role's configured limit (content limits per role,
 * {@code parley.conversation.content-limits.*}).
 */
public enum OverLimit {
    /** Refuse it: 422 naming {@code content}, nothing written. What a client's REST append gets. */
    REJECT,
    /**
     * Redact, then cut to the limit ({@code Redactor.redactToFit}): for text the service wrote itself and a
     * customer is waiting for, such as the assistant's reply in a chat turn.
     */
    FIT
}
