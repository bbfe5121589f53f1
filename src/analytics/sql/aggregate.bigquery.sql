-- faqlint: raw search events -> the aggregated table faqlint reads (format `counts-csv`).
-- BigQuery (GoogleSQL) dialect; same output as aggregate.duckdb.sql.
--
-- Input: replace `project.dataset.events` with a table of events
--   (`timestamp` TIMESTAMP, query STRING, nb_hits INT64, clicked_entry STRING, locale STRING),
-- or, for the GA4 export (view_search_results events, search term in event_params),
-- with this subquery (dates to taste; `search_results_count` only if the site sends it):
--   (SELECT
--      TIMESTAMP_MICROS(event_timestamp) AS `timestamp`,
--      (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'search_term') AS query,
--      (SELECT COALESCE(value.int_value, SAFE_CAST(value.string_value AS INT64))
--         FROM UNNEST(event_params) WHERE key = 'search_results_count') AS nb_hits,
--      CAST(NULL AS STRING) AS clicked_entry,
--      device.language AS locale
--    FROM `project.analytics_123456789.events_*`
--    WHERE event_name = 'view_search_results'
--      AND _TABLE_SUFFIX BETWEEN '20261101' AND '20261130')
--
-- Export the result as CSV (bq extract, or "Save results" > CSV) and list it under
-- [analytics] searches. Output, one row per (locale, query as typed, trimmed):
--   locale, query, count, zero_result, no_click, nb_hits (latest), last_seen, clicks
--   ("entry:n;entry:n"). Queries are NOT redacted or normalised here: faqlint does both
-- when it reads the table.
WITH ev AS (
  SELECT
    TRIM(CAST(query AS STRING)) AS query,
    NULLIF(TRIM(CAST(locale AS STRING)), '') AS locale,
    `timestamp` AS ts,
    CAST(nb_hits AS INT64) AS nb_hits,
    NULLIF(TRIM(CAST(clicked_entry AS STRING)), '') AS clicked_entry
  FROM `project.dataset.events`
  WHERE query IS NOT NULL AND TRIM(CAST(query AS STRING)) <> ''
),
per_query AS (
  SELECT
    locale,
    query,
    COUNT(*) AS count,
    COUNTIF(nb_hits = 0) AS zero_result,
    IF(COUNT(nb_hits) > 0, COUNTIF(nb_hits > 0 AND clicked_entry IS NULL), NULL) AS no_click,
    ARRAY_AGG(nb_hits IGNORE NULLS ORDER BY ts DESC LIMIT 1)[SAFE_OFFSET(0)] AS nb_hits,
    MAX(IF(nb_hits IS NOT NULL, ts, NULL)) AS last_seen
  FROM ev
  GROUP BY locale, query
),
per_click AS (
  SELECT
    locale,
    query,
    STRING_AGG(CONCAT(clicked_entry, ':', CAST(n AS STRING)), ';' ORDER BY n DESC, clicked_entry) AS clicks
  FROM (
    SELECT locale, query, clicked_entry, COUNT(*) AS n
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
  ON c.query = p.query AND ((c.locale IS NULL AND p.locale IS NULL) OR c.locale = p.locale)
ORDER BY p.count DESC, p.locale, p.query
