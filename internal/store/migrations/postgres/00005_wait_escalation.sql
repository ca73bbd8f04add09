-- +goose Up
ALTER TABLE approvals ADD COLUMN escalated_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE approvals DROP COLUMN escalated_at;
