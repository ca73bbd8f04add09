package triage

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWhenLive pins the liveness rule on a small invented history of a
// tide-gauge firmware repository (newest first): g4 <- g3 <- g2 <- g1, and
// g1's parent g0 is not in the listing.
func TestWhenLive(t *testing.T) {
	base := time.Date(2031, 7, 2, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	commits := []Commit{
		{SHA: "g4", Parents: []string{"g3"}, Date: at(7)},
		{SHA: "g3", Parents: []string{"g2"}, Date: at(5)},
		{SHA: "g2", Parents: []string{"g1"}, Date: at(3)},
		{SHA: "g1", Parents: []string{"g0"}, Date: at(1)},
	}
	cases := []struct {
		name      string
		deploys   []Deploy
		start     time.Time
		want      map[string]time.Time
		wantStart time.Time
		evidence  string // a substring of the evidence, "" for none
		involved  map[string]bool
	}{
		{"a deploy ships its ancestors", []Deploy{{SHA: "g3", At: at(6), Environment: "production"}}, at(8),
			map[string]time.Time{"g3": at(6), "g2": at(6), "g1": at(6)}, at(8), "", nil},
		{"the earliest production deploy wins", []Deploy{
			{SHA: "g3", At: at(6), Environment: "prod"},
			{SHA: "g2", At: at(4), Environment: "prod-eu"},
			{SHA: "g3", At: at(5), Environment: "staging"},
		}, at(8), map[string]time.Time{"g3": at(6), "g2": at(4), "g1": at(4)}, at(8), "", nil},
		{"a deploy after the start does not count, and is no reason to guess", []Deploy{
			{SHA: "g4", At: at(9), Environment: "production"},
			{SHA: "g1", At: at(2), Environment: "production"},
		}, at(8), map[string]time.Time{"g1": at(2)}, at(8), "", nil},
		{"only a deploy after the start: nothing was live", []Deploy{{SHA: "g4", At: at(9), Environment: "production"}}, at(8),
			map[string]time.Time{}, at(8), "", nil},
		{"no production deploy: commit time, up to the start", []Deploy{{SHA: "g4", At: at(8), Environment: "staging"}}, at(4),
			map[string]time.Time{"g2": at(3), "g1": at(1)}, at(4), "no production deploys are recorded", nil},
		{"unknown start: the latest go-live", []Deploy{
			{SHA: "g2", At: at(4), Environment: "live"},
			{SHA: "g4", At: at(10), Environment: "production"},
		}, time.Time{}, map[string]time.Time{"g4": at(10), "g3": at(10), "g2": at(4), "g1": at(4)}, at(10), "", nil},
		{"unknown start, no deploys: the newest commit", nil, time.Time{},
			map[string]time.Time{"g4": at(7), "g3": at(5), "g2": at(3), "g1": at(1)}, at(7), "no production deploys", nil},
		{"a monorepo deploy of another service ships nothing to the involved ones", []Deploy{
			{SHA: "g3", At: at(6), Environment: "production", Service: "tide-display"},
			{SHA: "g1", At: at(2), Environment: "production", Service: "gauge-reader"},
		}, at(8), map[string]time.Time{"g1": at(2)}, at(8), "shipped other services (tide-display)", map[string]bool{"gauge-reader": true}},
		{"a deploy naming no service ships every service", []Deploy{{SHA: "g2", At: at(4), Environment: "production"}}, at(8),
			map[string]time.Time{"g2": at(4), "g1": at(4)}, at(8), "", map[string]bool{"gauge-reader": true}},
		{"no deploy names an involved service: every deploy counts, and it says so", []Deploy{
			{SHA: "g2", At: at(4), Environment: "production", Service: "gauge-reader-v2"},
		}, at(8), map[string]time.Time{"g2": at(4), "g1": at(4)}, at(8), "no production deploy names gauge-reader", map[string]bool{"gauge-reader": true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := whenLive(commits, c.deploys, c.start, c.involved)
			if len(l.at) != len(c.want) {
				t.Errorf("live %v, want %v", l.at, c.want)
			}
			for sha, want := range c.want {
				if got, ok := l.at[sha]; !ok || !got.Equal(want) {
					t.Errorf("%s live at %v (%v), want %v", sha, got, ok, want)
				}
			}
			if !l.start.Equal(c.wantStart) {
				t.Errorf("start %v, want %v", l.start, c.wantStart)
			}
			ev := strings.Join(l.evidence, " | ")
			if c.evidence == "" && ev != "" || !strings.Contains(ev, c.evidence) {
				t.Errorf("evidence %q, want %q", ev, c.evidence)
			}
		})
	}
}

func TestInvolvedServices(t *testing.T) {
	got := involvedServices("Tide-Display", Evidence{FirstFailing: "gauge-reader", CallPath: []string{"tide-display", "gauge-reader", "buoy-link"}})
	want := []string{"buoy-link", "gauge-reader", "tide-display"}
	if strings.Join(sortedSet(got), ",") != strings.Join(want, ",") {
		t.Errorf("involved %v, want %v", sortedSet(got), want)
	}
	if involvedServices("", Evidence{}) != nil {
		t.Error("no service known: every deploy must count (nil)")
	}
}

func TestRelatedServices(t *testing.T) {
	for _, tc := range []struct {
		name    string
		service string
		ev      Evidence
		want    []string
	}{
		{"no telemetry", "orders", Evidence{}, nil},
		{"the service fails alone", "orders", Evidence{FirstFailing: "orders", CallPath: []string{"orders"}}, nil},
		{"a dependency fails first", "orders", Evidence{FirstFailing: "stock", CallPath: []string{"web", "orders", "stock"}}, []string{"stock", "web"}},
		{"a producer upstream of the failing consumer", "ledger", Evidence{FirstFailing: "ledger", CallPath: []string{"intake", "ledger"}}, []string{"intake"}},
		{"names differ only in case and space", "Ledger", Evidence{FirstFailing: " ledger", CallPath: []string{"intake", "intake"}}, []string{"intake"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := RelatedServices(tc.service, tc.ev); !slices.Equal(got, tc.want) {
				t.Fatalf("RelatedServices = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestVainRollbacks(t *testing.T) {
	deploys := []Deploy{
		{SHA: "aaa1111", At: hrs(1), Environment: "production", Service: "quote-api"},
		{SHA: "bbb2222", At: hrs(3), Environment: "production", Service: "quote-api"},
		{SHA: "ccc3333", At: hrs(4), Environment: "production", Service: "ledger"},
	}
	tests := []struct {
		name    string
		text    string
		dropped []string
	}{
		{"a rollback that changed nothing clears the build rolled back", "quote-api was rolled back at 10:05; error rate unchanged", []string{"bbb2222"}},
		{"the same told the other way round", "Rollback of quote-api done at 10:05, no effect", []string{"bbb2222"}},
		{"a rollback that helped clears nothing", "quote-api was rolled back at 10:05 and errors stopped", nil},
		{"a service with no deploy before the onset", "billing rolled back, still failing", nil},
		{"a rollback that names no service is the failing one's", "rolled back to the previous build at 10:05: same errors", []string{"bbb2222"}},
	}
	for _, tt := range tests {
		liveAt := map[string]time.Time{"aaa1111": hrs(1), "bbb2222": hrs(3), "ccc3333": hrs(4)}
		vainRollbacks(tt.text, deploys, hrs(5), "quote-api", liveAt)
		var dropped []string
		for _, sha := range []string{"aaa1111", "bbb2222", "ccc3333"} {
			if _, ok := liveAt[sha]; !ok {
				dropped = append(dropped, sha)
			}
		}
		if !slices.Equal(dropped, tt.dropped) {
			t.Errorf("%s: dropped %v, want %v", tt.name, dropped, tt.dropped)
		}
	}
}

func TestWorkedAfter(t *testing.T) {
	onset := hrs(12)
	commits := []Commit{
		{SHA: "f00d001", Message: "menu: show allergens in bold", Files: []File{{Path: "src/menu/render.go", Patch: patch(`fmt.Sprintf("%s", a)`, `fmt.Sprintf("<b>%s</b>", a)`)}}},
		{SHA: "f00d002", Message: "kitchen: shorter printer timeout", Files: []File{{Path: "src/kitchen/printer.go", Patch: patch("timeout := 30 * time.Second", "timeout := 2 * time.Second")}}},
		{SHA: "f00d003", Message: "menu: drop the nil check on specials", Files: []File{{Path: "src/menu/specials.go", Patch: patch("if s == nil {\n\treturn nil\n}", "")}}},
	}
	tests := []struct {
		name string
		text string
		kept []string
	}{
		{"a format change live while orders went through is cleared; a timeout can lie dormant; a later change stays",
			"orders on the 08:00 build went through at 09:10, 10:40 and 11:30", []string{"f00d002", "f00d003"}},
		{"a clock time that names the build is no time it worked",
			"since the 11:30 deploy the shop delivered 40 orders", []string{"f00d001", "f00d002", "f00d003"}},
		{"a success in CI clears nothing", "the 11:30 pipeline build succeeded at 11:40", []string{"f00d001", "f00d002", "f00d003"}},
	}
	for _, tt := range tests {
		liveAt := map[string]time.Time{"f00d001": hrs(8), "f00d002": hrs(8), "f00d003": hrs(11.8)}
		workedAfter(tt.text, onset, commits, liveAt)
		var kept []string
		for _, c := range commits {
			if _, ok := liveAt[c.SHA]; ok {
				kept = append(kept, c.SHA)
			}
		}
		if !slices.Equal(kept, tt.kept) {
			t.Errorf("%s: kept %v, want %v", tt.name, kept, tt.kept)
		}
	}
}
