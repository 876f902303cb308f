package io.parley.conversation.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.PageRequest;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Validation;

/** Reads {@code ?limit=&cursor=} into a page request, adding its broken rules to the query's others. */
final class PagingRules {

    private PagingRules() {
    }

    /** The page request, or null when limit or cursor is broken (then recorded in {@code validation}). */
    static PageRequest page(Validation validation, String rawLimit, String rawCursor) {
        try {
            return PageRequest.of(rawLimit, rawCursor);
        } catch (RuleViolationException e) {
            for (FieldError error : e.errors()) {
                validation.require(false, error.field(), error.message());
            }
            return null;
        }
    }
}
