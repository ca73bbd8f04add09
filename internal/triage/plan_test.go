package triage

import (
	"slices"
	"testing"

	"github.com/warroom/warroom/internal/config"
)

func TestPlanActions(t *testing.T) {
	svc := config.Service{Name: "invoice-api", Tier: 1, Stakeholders: []string{"cfo@example.org"}}
	quiet := config.Service{Name: "invoice-api", Tier: 1}
	culprit := Culprit{SHA: "0123456789abcdef0123456789abcdef01234567", Subject: "reduce smtp pool", Confidence: 0.8}
	configKI := &KnownIssueMatch{KnownIssue: KnownIssue{ID: "K1", Runbook: "1) Check the pool. 2) Raise SMTP_POOL_SIZE to 20 in deploy/mail.env and restart."}}
	vagueKI := &KnownIssueMatch{KnownIssue: KnownIssue{ID: "K4", Runbook: "1) Check the pool. 2) Raise SMTP_POOL_SIZE to 20 and restart."}}
	manualKI := &KnownIssueMatch{KnownIssue: KnownIssue{ID: "K2", Runbook: "Wait for the failover to finish, then restart the pods."}}
	flagKI := &KnownIssueMatch{KnownIssue: KnownIssue{ID: "K3", Runbook: "Enable the feature flag: in `config/flags.yaml` set `billing.fallback_renderer: true`."}}
	cases := []struct {
		name    string
		sev     string
		svc     config.Service
		culprit Culprit
		known   *KnownIssueMatch
		want    []string
	}{
		{"P1 with stakeholders", P1, svc, Culprit{}, nil,
			[]string{"war_room_channel", "meeting_bridge", "calendar_invite", "page_responders", "stakeholder_email", "status_update"}},
		{"P1 without stakeholders", P1, quiet, Culprit{}, nil,
			[]string{"war_room_channel", "meeting_bridge", "calendar_invite", "page_responders", "status_update"}},
		{"P2", P2, svc, Culprit{}, nil, []string{"war_room_channel", "page_responders", "status_update"}},
		{"P3", P3, svc, Culprit{}, nil, []string{"status_update"}},
		{"P3 with a culprit", P3, svc, culprit, nil, []string{"status_update", "revert_pr", "merge_pr"}},
		{"runbook changes a setting", P2, svc, Culprit{}, configKI, []string{"war_room_channel", "page_responders", "status_update", "config_change_pr"}},
		{"runbook flips a flag", P3, svc, Culprit{}, flagKI, []string{"status_update", "config_change_pr"}},
		{"manual runbook", P3, svc, Culprit{}, manualKI, []string{"status_update"}},
		{"runbook names no file", P3, svc, Culprit{}, vagueKI, []string{"status_update"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := PlanActions(Severity{Level: c.sev}, Signal{}, c.svc, c.culprit, c.known)
			if kinds := Kinds(got); !slices.Equal(kinds, c.want) {
				t.Fatalf("kinds = %v, want %v", kinds, c.want)
			}
			for _, a := range got {
				if !a.Protected {
					t.Errorf("%s is not protected: every planned action changes something outside WarRoom", a.Kind)
				}
				if a.Risk != riskOf(a.Kind) || a.Risk == "" {
					t.Errorf("%s risk %q, want %q", a.Kind, a.Risk, riskOf(a.Kind))
				}
				if a.Reason == "" || a.Target == "" {
					t.Errorf("%s lacks a reason or a target: %+v", a.Kind, a)
				}
			}
		})
	}
}

func TestStepAround(t *testing.T) {
	rb := "1) Check the dashboard. 2) Enable flag billing.fallback to shed load. 3) Page the vendor."
	loc := reRunbookConfig.FindStringIndex(rb)
	if got := stepAround(rb, loc[0], loc[1]); got != "Enable flag billing.fallback to shed load" {
		t.Errorf("step = %q", got)
	}
}

func TestRunbookSetting(t *testing.T) {
	for _, tc := range []struct {
		runbook, path, key, value string
	}{
		{"2) Raise SMTP_POOL_SIZE to 20 in deploy/mail.env and restart.", "deploy/mail.env", "SMTP_POOL_SIZE", "20"},
		{"Enable the feature flag: in `config/flags.yaml` set `billing.fallback_renderer: true`.", "config/flags.yaml", "billing.fallback_renderer", "true"},
		{"In config/psp.yaml set psp.timeout = 5s; then watch the 429 rate.", "config/psp.yaml", "psp.timeout", "5s"},
		{"Raise SMTP_POOL_SIZE to 20 and restart.", "", "", ""},
		{"Restart the pods.", "", "", ""},
	} {
		path, key, value, ok := runbookSetting(tc.runbook)
		if ok != (tc.path != "") || path != tc.path || key != tc.key || value != tc.value {
			t.Errorf("%q: %q %q %q %v", tc.runbook, path, key, value, ok)
		}
	}
}
