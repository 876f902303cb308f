package io.parley.archfixtures.kernel;

import java.util.UUID;

/** Obeys every rule: a plain Java kernel helper. */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }
}
