package io.parley.kernel;

/** Authenticated, but the caller's role may not do this (403). Never used to hide someone else's data: that is 404. */
public class ForbiddenException extends ParleyException {

    public ForbiddenException(String message) {
        super(message);
    }
}
