-- Search box: websearch syntax (all words, "phrases", or, -word) in the language of the caller, ranked by cover
-- density normalised to 0..1 (flag 32: rank / (rank + 1)). The GIN index on search_vector finds the rows;
-- ts_headline (which re-parses the whole text) runs only for the page shown. The CTE is NOT MATERIALIZED so the
-- planner inlines the tsquery into an index condition; a materialised CTE hides it and turns the plan into a
-- sequential scan (KnowledgeQueryPlanTest).
-- Parameters: 1 regconfig name, 2 query text, 3 limit.
WITH request AS NOT MATERIALIZED (
    SELECT websearch_to_tsquery(CAST(? AS regconfig), ?) AS query
),
ranked AS (
    SELECT d.id, d.title, d.content, d.language, d.created_at, ts_rank_cd(d.search_vector, request.query, 32) AS score
      FROM conversation.knowledge_documents d, request
     WHERE d.search_vector @@ request.query
     ORDER BY score DESC, d.created_at DESC, d.id DESC
     LIMIT ?
)
SELECT r.id, r.title, r.score,
       ts_headline(r.language, r.content, request.query,
                   'MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … ", StartSel="", StopSel=""') AS snippet
  FROM ranked r, request
 ORDER BY r.score DESC, r.created_at DESC, r.id DESC
