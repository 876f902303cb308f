-- Newest first, after a cursor (keyset on the index order). Parameters: 1 created_at, 2 id, 3 limit.
SELECT id, title, content, source_url, tags, metadata::text AS metadata, language::text AS language, created_at, updated_at
  FROM conversation.knowledge_documents
 WHERE (created_at, id) < (?, ?)
 ORDER BY created_at DESC, id DESC
 LIMIT ?
