-- +goose Up
-- Emails WarRoom handed to the relay, by idempotency key: SMTP has no way to
-- ask whether a message was delivered, so a retry consults this record.
CREATE TABLE sent_messages (
    key     TEXT PRIMARY KEY,
    sent_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE sent_messages;
