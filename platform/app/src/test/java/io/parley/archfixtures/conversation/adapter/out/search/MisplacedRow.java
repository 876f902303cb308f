package io.parley.archfixtures.conversation.adapter.out.search;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** Breaks rule 5: a mapped entity outside adapter.out.persistence. */
@MappedEntity("misplaced_rows")
record MisplacedRow(@Id UUID id) {
}
