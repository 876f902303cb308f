package io.parley.kernel;

/** Base of the domain exceptions that platform/app maps to RFC 9457 problem+json. */
public abstract class ParleyException extends RuntimeException {

    protected ParleyException(String message) {
        super(message, null, false, false);
    }
}
