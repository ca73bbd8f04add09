-- +goose Up
-- The source's own grouping of the notification that carried an alert
-- (Alertmanager's groupKey): alerts routed together join one incident.
ALTER TABLE alerts ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
CREATE INDEX alerts_source_group ON alerts (source, group_key, last_seen) WHERE group_key <> '';

-- +goose Down
DROP INDEX alerts_source_group;
ALTER TABLE alerts DROP COLUMN group_key;
