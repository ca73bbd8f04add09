-- +goose Up
CREATE TABLE known_issues (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    symptoms   TEXT NOT NULL DEFAULT '',
    domains    TEXT NOT NULL DEFAULT '',  -- space-separated
    runbook    TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    -- Title and domains weigh more than the free-text symptoms.
    search     TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', domains), 'A') ||
        setweight(to_tsvector('english', symptoms), 'B')
    ) STORED
);
CREATE INDEX known_issues_search_idx ON known_issues USING GIN (search);

-- +goose Down
DROP TABLE known_issues;
