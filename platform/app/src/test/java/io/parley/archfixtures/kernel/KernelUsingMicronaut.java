package io.parley.archfixtures.kernel;

import io.micronaut.core.util.StringUtils;

/** Breaks rule 5: the kernel imports Micronaut. */
public final class KernelUsingMicronaut {

    private KernelUsingMicronaut() {
    }

    public static boolean blank(String text) {
        return StringUtils.isEmpty(text);
    }
}
