/**
 * The knowledge base in PostgreSQL ({@code conversation.knowledge_documents}; the read queries in
 * {@code classpath:knowledge/sql/}); package-private.
 */
package io.parley.knowledge.adapter.out.persistence;
