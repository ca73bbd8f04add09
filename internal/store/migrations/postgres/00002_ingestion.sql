-- +goose Up
ALTER TABLE incidents ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN last_alert_at TIMESTAMPTZ;
CREATE INDEX incidents_group_idx ON incidents (group_key, status);

-- One row per alert episode: (source, fingerprint, starts_at). Re-deliveries
-- update it; dirty marks rows the grouping step has not seen in their current state.
CREATE TABLE alerts (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    starts_at      TIMESTAMPTZ NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    service        TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    severity       TEXT NOT NULL DEFAULT '',
    labels         TEXT NOT NULL DEFAULT '{}',
    annotations    TEXT NOT NULL DEFAULT '{}',
    ends_at        TIMESTAMPTZ,
    url            TEXT NOT NULL DEFAULT '',
    raw            TEXT NOT NULL DEFAULT '{}',
    received_at    TIMESTAMPTZ NOT NULL,
    last_seen      TIMESTAMPTZ NOT NULL,
    received_count BIGINT NOT NULL DEFAULT 1,
    dirty          INTEGER NOT NULL DEFAULT 1,
    incident_id    TEXT REFERENCES incidents (id),
    UNIQUE (source, fingerprint, starts_at)
);
CREATE INDEX alerts_dirty_idx ON alerts (received_at) WHERE dirty = 1;
CREATE INDEX alerts_incident_idx ON alerts (incident_id, status);

-- Human reports (Slack messages), with the incident-or-chatter decision and its reasons.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    channel     TEXT NOT NULL,
    ts          TEXT NOT NULL,
    event_id    TEXT UNIQUE,
    user_id     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    raw         TEXT NOT NULL DEFAULT '{}',
    received_at TIMESTAMPTZ NOT NULL,
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'incident', 'chatter')),
    score       DOUBLE PRECISION NOT NULL DEFAULT 0,
    reasons     TEXT NOT NULL DEFAULT '[]',
    service     TEXT NOT NULL DEFAULT '',
    dirty       INTEGER NOT NULL DEFAULT 1,
    incident_id TEXT REFERENCES incidents (id),
    UNIQUE (channel, ts)
);
CREATE INDEX reports_dirty_idx ON reports (received_at) WHERE dirty = 1;

-- Signatures already accepted inside their replay window.
CREATE TABLE seen_signatures (
    source    TEXT NOT NULL,
    signature TEXT NOT NULL,
    seen_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, signature)
);
CREATE INDEX seen_signatures_age_idx ON seen_signatures (seen_at);

CREATE TABLE slack_cursors (
    channel    TEXT PRIMARY KEY,
    last_ts    TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE slack_cursors;
DROP TABLE seen_signatures;
DROP TABLE reports;
DROP TABLE alerts;
DROP INDEX incidents_group_idx;
ALTER TABLE incidents DROP COLUMN last_alert_at;
ALTER TABLE incidents DROP COLUMN group_key;
