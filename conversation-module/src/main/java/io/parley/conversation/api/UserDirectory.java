package io.parley.conversation.api;

import io.parley.kernel.Caller;

import java.util.UUID;

/** Users are known from their JWT: other modules resolve a caller to its user row id through here. */
public interface UserDirectory {

    /**
     * The id of the caller's user row, created or refreshed (email, name) from the token on first
     * use; safe under concurrent first requests. The caller must be authenticated.
     */
    UUID ensureUser(Caller caller);
}
