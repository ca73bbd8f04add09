package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/warroom/warroom/internal/incident"
)

// KnownIssueHit is a known issue ranked against a search; Rank is
// engine-specific (higher is better) and only orders hits of one search.
type KnownIssueHit struct {
	incident.KnownIssue
	Rank float64
}

// UpsertKnownIssues stores known issues, replacing those with the same id.
func (q q) UpsertKnownIssues(ctx context.Context, issues []incident.KnownIssue) error {
	stmts := make([]stmt, 0, len(issues))
	for _, k := range issues {
		if strings.TrimSpace(k.ID) == "" || strings.TrimSpace(k.Title) == "" {
			return fmt.Errorf("store known issue: id and title are required")
		}
		stmts = append(stmts, stmt{`INSERT INTO known_issues (id, title, symptoms, domains, runbook, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, symptoms = excluded.symptoms,
				domains = excluded.domains, runbook = excluded.runbook, updated_at = excluded.updated_at`,
			[]any{k.ID, k.Title, k.Symptoms, strings.Join(k.Domains, " "), k.Runbook, now()}})
	}
	if _, err := q.db.execBatch(ctx, stmts); err != nil {
		return fmt.Errorf("store known issues: %w", err)
	}
	return nil
}

var searchWord = regexp.MustCompile(`[\p{L}\p{N}]+`)

// stopWords are too common in incident text to say anything about a match.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "are": true, "was": true, "with": true, "from": true, "this": true,
	"that": true, "has": true, "have": true, "been": true, "not": true, "but": true, "all": true, "any": true,
	"can": true, "our": true, "its": true, "into": true, "than": true, "then": true, "when": true, "what": true,
	"who": true, "will": true, "would": true, "there": true, "their": true, "they": true, "them": true, "you": true,
	"your": true, "now": true, "just": true, "also": true, "after": true, "before": true, "over": true, "since": true,
	"some": true, "more": true, "most": true, "per": true, "via": true, "out": true, "one": true, "two": true,
}

// searchTerms turns free text into at most 48 distinct lower-case words of
// three or more letters or digits: safe to put into either engine's query
// syntax, since nothing but letters and digits survives.
func searchTerms(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range searchWord.FindAllString(strings.ToLower(text), -1) {
		if len([]rune(w)) < 3 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == 48 {
			break
		}
	}
	return out
}

// SearchKnownIssues ranks known issues against free text (an alert's title
// and description, a chat message) with the database's full-text search:
// SQLite FTS5 with BM25, PostgreSQL tsvector with ts_rank_cd. Any term may
// match; issues matching more and rarer terms, in the title or domains
// especially, rank first.
func (q q) SearchKnownIssues(ctx context.Context, text string, limit int) ([]KnownIssueHit, error) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	if limit <= 0 || limit > 100 {
		limit = 10
	}
	var query, match string
	if q.dialect == Postgres {
		match = strings.Join(terms, " | ")
		query = `SELECT id, title, symptoms, domains, runbook, ts_rank_cd(search, to_tsquery('english', $1)) AS rank
			FROM known_issues WHERE search @@ to_tsquery('english', $1) ORDER BY rank DESC, id LIMIT $2`
	} else {
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = `"` + t + `"`
		}
		match = strings.Join(quoted, " OR ")
		// bm25 is lower-is-better; weights: title 5, symptoms 1, domains 3.
		query = `SELECT k.id, k.title, k.symptoms, k.domains, k.runbook, -bm25(known_issues_fts, 5.0, 1.0, 3.0) AS rank
			FROM known_issues_fts JOIN known_issues k ON k.rowid = known_issues_fts.rowid
			WHERE known_issues_fts MATCH $1 ORDER BY rank DESC, k.id LIMIT $2`
	}
	hits, err := queryAll(ctx, q.db, scanKnownIssueHit, query, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search known issues: %w", err)
	}
	return hits, nil
}

func scanKnownIssueHit(r row) (KnownIssueHit, error) {
	var h KnownIssueHit
	var domains string
	err := r.Scan(&h.ID, &h.Title, &h.Symptoms, &domains, &h.Runbook, &h.Rank)
	h.Domains = strings.Fields(domains)
	return h, err
}
