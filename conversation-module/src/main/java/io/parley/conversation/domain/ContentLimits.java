package io.parley.conversation.domain;

import io.parley.kernel.Validation;

/**
 * The longest content, in characters (code points), a message of each role may have. Customers
 * type short messages; the assistant and the system may answer at length.
 */
public record ContentLimits(int user, int assistant, int system) {

    /** The storage limit of a message's content; a configured limit above it could never be stored. */
    public static final int STORAGE_MAX = 65_536;
    public static final ContentLimits DEFAULTS = new ContentLimits(1000, 8000, 8000);

    public ContentLimits {
        require(user, "user");
        require(assistant, "assistant");
        require(system, "system");
    }

    public int maxFor(MessageRole role) {
        return switch (role) {
            case USER -> user;
            case ASSISTANT -> assistant;
            case SYSTEM -> system;
        };
    }

    /** Adds a rule violation on {@code content} when it is longer than the role allows. */
    public Validation check(Validation validation, MessageRole role, String content) {
        int max = maxFor(role);
        return validation.require(content.codePointCount(0, content.length()) <= max,
                "content", "must have at most " + max + " characters for role " + role.wireValue());
    }

    private static void require(int limit, String role) {
        if (limit < 1 || limit > STORAGE_MAX) {
            throw new IllegalArgumentException("the content limit of role " + role + " must be between 1 and " + STORAGE_MAX + ", was " + limit);
        }
    }
}
