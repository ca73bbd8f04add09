-- +goose Up
ALTER TABLE approvals ADD COLUMN escalated_at TIMESTAMP;

-- +goose Down
ALTER TABLE approvals DROP COLUMN escalated_at;
