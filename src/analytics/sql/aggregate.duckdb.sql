-- faqlint: raw search events -> the aggregated table faqlint reads (format `counts-csv`).
-- DuckDB dialect. Run it where the events live; faqlint then reads only the result.
--
-- Input: a table or view named `events` with the columns
--   "timestamp"    TIMESTAMP (or ISO 8601 text)     when the search happened
--   query          VARCHAR                          as typed
--   nb_hits        INTEGER, NULL when unknown       results shown
--   clicked_entry  VARCHAR, NULL/empty: no click    entry id (or URL) clicked
--   locale         VARCHAR, NULL when unknown       fr, en...
-- e.g. CREATE VIEW events AS SELECT * FROM read_csv('events-*.csv.gz', header = true);
--
-- Usage (duckdb CLI, from PyPI: pip install duckdb-cli):
--   duckdb -c "CREATE VIEW events AS SELECT * FROM read_csv('events.csv', header = true);
--              COPY ($(faqlint ... print the SQL ...)) TO 'searches.csv' (HEADER)"
--   (the statement below has no trailing semicolon so that it fits in COPY (...)).
--
-- Output, one row per (locale, query as typed, trimmed):
--   locale, query, count, zero_result (searches with nb_hits = 0),
--   no_click (searches with results and no click; NULL when nb_hits is never known),
--   nb_hits (of the latest search that had it), last_seen (its timestamp),
--   clicks ("entry:n;entry:n", most clicked first).
-- Queries are NOT redacted or normalised here: faqlint does both when it reads the
-- table, and merges the spellings (case, accents, punctuation) of one query.
WITH ev AS (
    SELECT
        trim(CAST(query AS VARCHAR)) AS query,
        NULLIF(trim(CAST(locale AS VARCHAR)), '') AS locale,
        "timestamp" AS ts,
        CAST(nb_hits AS BIGINT) AS nb_hits,
        NULLIF(trim(CAST(clicked_entry AS VARCHAR)), '') AS clicked_entry
    FROM events
    WHERE query IS NOT NULL AND trim(CAST(query AS VARCHAR)) <> ''
),
per_query AS (
    SELECT
        locale,
        query,
        count(*) AS count,
        count(*) FILTER (WHERE nb_hits = 0) AS zero_result,
        CASE WHEN count(nb_hits) > 0
            THEN count(*) FILTER (WHERE nb_hits > 0 AND clicked_entry IS NULL)
        END AS no_click,
        arg_max(nb_hits, ts) FILTER (WHERE nb_hits IS NOT NULL) AS nb_hits,
        max(ts) FILTER (WHERE nb_hits IS NOT NULL) AS last_seen
    FROM ev
    GROUP BY locale, query
),
per_click AS (
    SELECT
        locale,
        query,
        string_agg(clicked_entry || ':' || n, ';' ORDER BY n DESC, clicked_entry) AS clicks
    FROM (
        SELECT locale, query, clicked_entry, count(*) AS n
        FROM ev
        WHERE clicked_entry IS NOT NULL
        GROUP BY locale, query, clicked_entry
    )
    GROUP BY locale, query
)
SELECT
    p.locale, p.query, p.count, p.zero_result, p.no_click, p.nb_hits, p.last_seen, c.clicks
FROM per_query AS p
LEFT JOIN per_click AS c
    ON c.query = p.query AND c.locale IS NOT DISTINCT FROM p.locale
ORDER BY p.count DESC, p.locale, p.query
