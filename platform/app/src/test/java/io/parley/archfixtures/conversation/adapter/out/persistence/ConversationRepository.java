package io.parley.archfixtures.conversation.adapter.out.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Obeys rules 5 and 6: a package-private repository in adapter.out.persistence. */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "io.parley.archfixtures.are-never-beans")
interface ConversationRepository extends GenericRepository<ConversationRow, UUID> {
}
