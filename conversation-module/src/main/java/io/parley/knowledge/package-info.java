/**
 * The knowledge base (a bounded context of its own inside conversation-module): help-center documents, their
 * PostgreSQL full-text index in each document's language, the admin routes that write them and the public
 * routes that read and search them, and {@link io.parley.knowledge.api.KnowledgeSearch} for the chat turn.
 * Its table lives in the {@code conversation} schema (one jar, one migration history); ArchUnit keeps the
 * package apart from the conversations and the chat turn.
 */
package io.parley.knowledge;
