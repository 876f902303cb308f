-- Newest first, first page: read from knowledge_documents_created_idx in order. Parameter: 1 limit.
SELECT id, title, content, source_url, tags, metadata::text AS metadata, language::text AS language, created_at, updated_at
  FROM conversation.knowledge_documents
 ORDER BY created_at DESC, id DESC
 LIMIT ?
