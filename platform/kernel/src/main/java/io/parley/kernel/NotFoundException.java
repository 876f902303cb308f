package io.parley.kernel;

/**
 * The resource does not exist <em>for this caller</em>. Someone else's resource raises it too,
 * with the same message, so a response never tells the two apart.
 */
public class NotFoundException extends ParleyException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
