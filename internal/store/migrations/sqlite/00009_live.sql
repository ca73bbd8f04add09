-- +goose Up
-- Nothing to do: SQLite serves one process, which learns of new events by
-- polling (internal/live). The file keeps version numbers aligned with PostgreSQL.
SELECT 1;

-- +goose Down
SELECT 1;
