package io.parley.archfixtures.conversation.domain;

import java.sql.Timestamp;

/** Breaks rule 1: the domain imports JDBC (java.sql is java.*, and still not allowed). */
public record DomainUsingJdbc(Timestamp startedAt) {
}
