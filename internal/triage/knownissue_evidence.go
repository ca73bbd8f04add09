package triage

import (
	"strings"

	"github.com/warroom/warroom/internal/telemetry"
	"github.com/warroom/warroom/internal/telemetry/analyze"
)

// KnownIssueEvidence is what telemetry shows about the fault, as text: the
// fault signature, the new or grown warning and error log patterns and the
// trace faults. It tells the known-issue matcher the mechanism when the
// alert or report only states the effect ("locks offline" while the logs
// say the certificate expired).
type KnownIssueEvidence struct {
	Lines []string
}

// KnownIssueEvidenceFrom takes the mechanism evidence out of telemetry
// findings. Informational log lines are left out: they describe normal work.
func KnownIssueEvidenceFrom(f analyze.Findings) KnownIssueEvidence {
	var ev KnownIssueEvidence
	add := func(s string) {
		if s != "" {
			ev.Lines = append(ev.Lines, s)
		}
	}
	add(f.Signature)
	if f.FirstFailing != nil {
		add(f.FirstFailing.Evidence)
	}
	for _, p := range f.Patterns {
		switch p.MaxLevel() {
		case telemetry.LevelWarn, telemetry.LevelError, telemetry.LevelFatal:
		default:
			continue
		}
		if p.Example != "" {
			add(p.Example)
		} else {
			add(p.Template)
		}
	}
	for _, x := range f.Faults {
		add(x.Span + ": " + x.StatusMessage)
	}
	return ev
}

// KnownIssueSearchText is a second full-text query for known-issue
// candidates: the English words a foreign-language report translates to
// and the telemetry's evidence, which the incident's own words may lack
// (a German report of locks offline, logs that say the certificate
// expired). Empty when there is nothing to add.
func KnownIssueSearchText(sig Signal, ev KnownIssueEvidence) string {
	var parts []string
	if tr := translations(sig.Title + "\n" + sig.Text); tr != "" {
		parts = append(parts, tr)
	}
	parts = append(parts, ev.Lines...)
	return strings.Join(parts, "\n")
}
