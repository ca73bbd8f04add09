-- +goose Up
CREATE TABLE known_issues (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    symptoms   TEXT NOT NULL DEFAULT '',
    domains    TEXT NOT NULL DEFAULT '',  -- space-separated
    runbook    TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);

-- Full-text index over title, symptoms and domains (porter stemming), kept
-- in step with the table by triggers (FTS5 external content).
CREATE VIRTUAL TABLE known_issues_fts USING fts5(
    title, symptoms, domains, content = 'known_issues', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
-- +goose StatementBegin
CREATE TRIGGER known_issues_ai AFTER INSERT ON known_issues BEGIN
    INSERT INTO known_issues_fts (rowid, title, symptoms, domains) VALUES (new.rowid, new.title, new.symptoms, new.domains);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER known_issues_ad AFTER DELETE ON known_issues BEGIN
    INSERT INTO known_issues_fts (known_issues_fts, rowid, title, symptoms, domains)
        VALUES ('delete', old.rowid, old.title, old.symptoms, old.domains);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER known_issues_au AFTER UPDATE ON known_issues BEGIN
    INSERT INTO known_issues_fts (known_issues_fts, rowid, title, symptoms, domains)
        VALUES ('delete', old.rowid, old.title, old.symptoms, old.domains);
    INSERT INTO known_issues_fts (rowid, title, symptoms, domains) VALUES (new.rowid, new.title, new.symptoms, new.domains);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER known_issues_au;
DROP TRIGGER known_issues_ad;
DROP TRIGGER known_issues_ai;
DROP TABLE known_issues_fts;
DROP TABLE known_issues;
