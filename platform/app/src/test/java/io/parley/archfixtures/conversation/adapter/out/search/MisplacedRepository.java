package io.parley.archfixtures.conversation.adapter.out.search;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Breaks rule 5: a repository outside adapter.out.persistence. */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "io.parley.archfixtures.are-never-beans")
interface MisplacedRepository extends GenericRepository<MisplacedRow, UUID> {
}
