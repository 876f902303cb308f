package io.parley.archfixtures.conversation.domain;

import io.micronaut.core.util.StringUtils;

/** Breaks rule 1: the domain imports Micronaut. */
public final class DomainUsingMicronaut {

    private DomainUsingMicronaut() {
    }

    public static boolean blank(String text) {
        return StringUtils.isEmpty(text);
    }
}
