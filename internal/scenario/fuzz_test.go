package scenario

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

// fuzzScenarioSeeds are small scenarios in the format of
// /work/shared/scenarios/README.md, written for the fuzzer (testdata/fuzz
// holds a few more).
var fuzzScenarioSeeds = []string{
	`{"name":"checkout-5xx","description":"checkout returns 502s after a deploy","now":"2026-11-20T02:14:00Z",
	  "trigger":{"kind":"alertmanager","payload":{"version":"4","status":"firing","alerts":[{"status":"firing",
	    "labels":{"alertname":"HighErrorRate","service":"checkout-api","severity":"page"},"startsAt":"2026-11-20T02:05:00Z"}]}},
	  "team":{"engineers":[{"id":"alice","name":"Alice Ng","email":"alice@example.com","github":"alice-ng","slack":"U01ALICE",
	      "timezone":"Europe/Berlin","domains":["payments"]},{"id":"bob","github":"bob-k"}],
	    "rotations":[{"name":"primary","members":["alice","bob"],"start":"2026-11-16T09:00:00Z","shift_hours":168}],
	    "overrides":[{"rotation":"primary","engineer":"bob","from":"2026-11-20T00:00:00Z","to":"2026-11-21T00:00:00Z"}],
	    "services":[{"name":"checkout-api","repo":"acme/checkout","domains":["payments"],"tier":1,"rotation":"primary","stakeholders":["cto@example.com"]}]},
	  "known_issues":[{"id":"KI-12","title":"PSP throttles retries","symptoms":"429 from the PSP","domains":["payments"],"runbook":"enable the breaker"}],
	  "repos":[{"owner":"acme","name":"checkout","default_branch":"main","codeowners":"* @acme/platform\n/payments/ @alice-ng\n",
	    "deploys":[{"sha":"1111111111111111111111111111111111111111","at":"2026-11-20T01:58:00Z","environment":"production"}],
	    "commits":[{"sha":"1111111111111111111111111111111111111111","parents":["2222222222222222222222222222222222222222"],"author":"bob-k",
	      "date":"2026-11-20T01:50:00Z","message":"retry PSP calls 5 times","files":[{"path":"payments/retry.go","status":"modified",
	      "patch":"@@ -1,3 +1,3 @@\n package payments\n-const retries = 1\n+const retries = 5\n"}]}]}],
	  "expect":{"incident":true,"severity":"P1","owner":"alice","responders_include":["alice"],"known_issue":"KI-12",
	    "culprit":"1111111111111111111111111111111111111111","actions_include":["war_room_channel","revert_pr"]}}`,
	`{"name":"chatter","now":"2026-11-20T09:00:00+01:00","trigger":{"kind":"slack","payload":{"type":"event_callback","event_id":"Ev1",
	  "event":{"type":"message","user":"U1","text":"reminder: postmortem at 3pm","ts":"1.000001","channel":"C1"}}},"expect":{"incident":false}}`,
	`{"name":"cert","now":"2026-11-20T02:00:00Z","trigger":{"kind":"generic","payload":{"title":"TLS handshake failures","starts_at":"2026-11-20T01:59:00Z"}},
	  "expect":{"incident":true,"severity":"P2","known_issue":null,"culprit":null}}`,
	`{"now":"2026-11-20T02:00:00Z","trigger":{"kind":"nagios","payload":{}}}`,
	`{"now":"2026-11-20T02:00:00Z","trigger":{"kind":"datadog","payload":null},"team":{"rotations":[{"name":"p","members":["ghost"]}]}}`,
	`{"trigger":{"kind":"grafana"},"expect":{"culprit":5}}`,
	``,
}

// FuzzLoad: the scenario loader never panics; a refusal names the file;
// a scenario it accepts has a time, a known trigger kind with a JSON
// payload and a valid team, and once written back as JSON loads again to
// the same encoding.
func FuzzLoad(f *testing.F) {
	for _, s := range fuzzScenarioSeeds {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "scenario.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Load(path)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "scenario "+path+": ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		switch {
		case s.Path != path:
			t.Fatalf("Path = %q, want %q", s.Path, path)
		case s.Now.IsZero():
			t.Fatal("loaded without a time")
		case !slices.Contains(Kinds, s.Trigger.Kind):
			t.Fatalf("loaded trigger kind %q", s.Trigger.Kind)
		case !json.Valid(s.Trigger.Payload):
			t.Fatalf("loaded a payload that is not JSON: %q", s.Trigger.Payload)
		}
		if err := (config.File{Team: s.Team}).Validate(); err != nil {
			t.Fatalf("loaded a team that does not validate: %v", err)
		}
		for _, raw := range []json.RawMessage{s.Expect.KnownIssue, s.Expect.Culprit} {
			if _, stated := Optional(raw); stated != (raw != nil) {
				t.Fatalf("Optional(%q) stated = %v", raw, stated)
			}
		}

		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("loaded scenario does not encode: %v", err)
		}
		if err := os.WriteFile(path, out, 0o600); err != nil {
			t.Fatal(err)
		}
		again, err := Load(path)
		if err != nil {
			t.Fatalf("re-encoded scenario does not load: %v\n%s", err, out)
		}
		out2, err := json.Marshal(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable (%v):\n%s\nthen\n%s", err, out, out2)
		}
	})
}
