/** The knowledge base's domain: documents, their text search language, search hits; plain Java, imports only java.* and io.parley.kernel. */
package io.parley.knowledge.domain;
