package io.parley.retention.application.port.in;

import io.parley.kernel.ConflictException;

/** Another run (on this or another instance) holds the retention lock: this one did nothing. 409 on the admin endpoint. */
public class RetentionLockHeldException extends ConflictException {

    public RetentionLockHeldException() {
        super("another run holds the lock");
    }
}
