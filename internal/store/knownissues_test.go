package store_test

import (
	"context"
	"testing"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
)

var knownIssues = []incident.KnownIssue{
	{ID: "KI-1", Title: "Payment provider throttles retries with HTTP 429",
		Symptoms: "Spike of 502 responses on payment confirmation; provider answers 429; retries per authorisation climb.",
		Domains:  []string{"payments", "psp"}, Runbook: "Enable the circuit breaker flag; revert recent retry changes."},
	{ID: "KI-2", Title: "TLS certificate expired on a public endpoint",
		Symptoms: "Probes fail with x509: certificate has expired; partners cannot connect.",
		Domains:  []string{"edge", "tls"}, Runbook: "Renew the certificate with the ACME client and reload the proxy."},
	{ID: "KI-3", Title: "Search index lags behind catalogue updates",
		Symptoms: "Prices and stock in search results are stale while product pages are current; indexer consumer lag grows.",
		Domains:  []string{"search", "indexing"}, Runbook: "Check consumer lag; restart the indexer."},
}

func TestSearchKnownIssues(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		first string // "" = no match at all
	}{
		{"certificate", "Probe of https://api.partner.example fails: x509 certificate has expired", "KI-2"},
		{"payments throttled", "checkout 5xx ratio 23%; the payment provider returns 429 to authorise calls", "KI-1"},
		{"stale search (stemmed)", "merchants say search result prices are stale after updating", "KI-3"},
		{"nothing related", "disk almost full on build runner", ""},
		{"query syntax is data", `"x509" OR NOT) (certificate* AND 'expired' NEAR/2 -- ; DROP TABLE known_issues`, "KI-2"},
		{"no usable words", "!!! ?? --", ""},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		if err := st.UpsertKnownIssues(ctx, knownIssues); err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				hits, err := st.SearchKnownIssues(ctx, tc.text, 5)
				if err != nil {
					t.Fatal(err)
				}
				if tc.first == "" {
					if len(hits) != 0 {
						t.Fatalf("hits = %+v, want none", hits)
					}
					return
				}
				if len(hits) == 0 || hits[0].ID != tc.first {
					t.Fatalf("hits = %+v, want %s first", hits, tc.first)
				}
				for i := 1; i < len(hits); i++ {
					if hits[i].Rank > hits[i-1].Rank {
						t.Fatalf("hits not ordered by rank: %+v", hits)
					}
				}
			})
		}
		// Updating an issue re-indexes it: the old words no longer find it.
		changed := knownIssues[2]
		changed.Title, changed.Symptoms = "Nightly export runs out of memory", "exporter pod OOMKilled during partition export"
		if err := st.UpsertKnownIssues(ctx, []incident.KnownIssue{changed}); err != nil {
			t.Fatal(err)
		}
		if hits, _ := st.SearchKnownIssues(ctx, "stale prices catalogue lag", 5); len(hits) != 0 {
			t.Fatalf("stale index: %+v", hits)
		}
		if hits, _ := st.SearchKnownIssues(ctx, "exporter OOMKilled", 5); len(hits) != 1 || hits[0].ID != "KI-3" || hits[0].Runbook == "" {
			t.Fatalf("updated issue not found: %+v", hits)
		}
	})
}
