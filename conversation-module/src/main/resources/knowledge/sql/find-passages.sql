-- Chat: the sentence of a customer matches a document on ANY of its words (the lexemes of websearch_to_tsquery joined
-- with |, negations dropped), so the GIN index still finds the candidates. The score is cover density rank
-- (0..1, flag 32) times coverage: the share of the distinct lexemes of the sentence the document contains, so an
-- article that merely repeats one common word ("order", "account") does not outrank one that matches the
-- question. Each document comes with its best paragraph (blank-line separated; ties go to the earlier one).
-- The CTEs are NOT MATERIALIZED so the tsquery becomes an index condition (see search-documents.sql).
-- Parameters: 1 regconfig name, 2 message text, 3 limit.
WITH request AS NOT MATERIALIZED (
    SELECT websearch_to_tsquery(CAST(? AS regconfig), ?) AS strict
),
query AS NOT MATERIALIZED (
    SELECT replace(replace(strict::text, ' & ', ' | '), '!', '')::tsquery AS any_word,
           ARRAY(SELECT DISTINCT replace(m[1], '''''', '''')
                   FROM regexp_matches(strict::text, '''((?:[^'']|'''')+)''', 'g') AS m) AS lexemes
      FROM request
),
matches AS (
    SELECT d.id, d.title, d.tags, d.content, d.language, d.created_at,
           ts_rank_cd(d.search_vector, query.any_word, 32)
             * (length(d.search_vector) - length(ts_delete(d.search_vector, query.lexemes)))
             / greatest(cardinality(query.lexemes), 1) AS score
      FROM conversation.knowledge_documents d, query
     WHERE d.search_vector @@ query.any_word
     ORDER BY score DESC, d.created_at DESC, d.id DESC
     LIMIT ?
)
SELECT m.id, m.title, m.tags, m.score, best.paragraph
  FROM matches m
 CROSS JOIN query
 CROSS JOIN LATERAL (
       SELECT p.paragraph
         FROM regexp_split_to_table(m.content, '\n\s*\n') WITH ORDINALITY AS p(paragraph, position)
        WHERE btrim(p.paragraph) <> ''
        ORDER BY ts_rank_cd(to_tsvector(m.language, p.paragraph), query.any_word) DESC, p.position
        LIMIT 1
       ) AS best
 ORDER BY m.score DESC, m.created_at DESC, m.id DESC
