package io.parley.chat.adapter.out.assistant;

/**
 * The assistant provider gave no usable answer. Its message describes what happened (status,
 * timeout, malformed body) and never carries request or response content, so it may be logged and
 * recorded in the trace.
 */
class AssistantProviderException extends RuntimeException {

    AssistantProviderException(String description) {
        super(description, null, false, false);
    }

    /** A failure that may pass: 429, 5xx, a refused or broken connection. Retried with backoff. */
    static class Unavailable extends AssistantProviderException {

        Unavailable(String description) {
            super(description);
        }
    }
}
