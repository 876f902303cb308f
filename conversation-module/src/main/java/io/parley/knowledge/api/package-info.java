/**
 * What other modules may use of the knowledge base: {@link io.parley.knowledge.api.KnowledgeSearch}, the
 * passage search the chat turn's retrieval asks. A stable contract: it imports nothing of the module's internals.
 */
package io.parley.knowledge.api;
