-- +goose Up
-- The API scopes the decider's token carried: the scope gate checks them at execution.
ALTER TABLE approvals ADD COLUMN decided_scopes TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE approvals DROP COLUMN decided_scopes;
