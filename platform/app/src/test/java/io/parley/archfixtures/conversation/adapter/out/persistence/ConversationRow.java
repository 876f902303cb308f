package io.parley.archfixtures.conversation.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** Obeys rules 5 and 6: a package-private mapped entity in adapter.out.persistence. */
@MappedEntity("conversations")
record ConversationRow(@Id UUID id, String status) {
}
