// Package provider_test holds checks over every provider package.
package provider_test

import (
	"os/exec"
	"strings"
	"testing"
)

// A provider package depends on the action contract, the incident domain,
// the shared provider helpers and its own SDK: never on the engine, the
// store or a database driver, so a provider can be read, built and tested
// on its own.
func TestProvidersDoNotDependOnTheEngine(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	const own = "github.com/warroom/warroom/internal/"
	allowed := map[string]bool{
		own + "action": true, own + "incident": true, own + "provider/facts": true, own + "provider/ratelimit": true,
		own + "slackinbound": true, // Slack's request signatures, shared with ingestion
		// Pure leaf helpers shared with the GitHub sandbox: patch matching and
		// git object hashing (no I/O, no imports of their own).
		own + "unidiff": true, own + "gitobject": true,
	}
	forbidden := []string{"github.com/riverqueue/", "github.com/jackc/pgx", "github.com/pressly/goose", "modernc.org/sqlite"}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		checked++
		for _, dep := range fields[1:] {
			if strings.HasPrefix(dep, own) && !allowed[dep] && !strings.HasPrefix(dep, pkg) {
				t.Errorf("%s imports %s", pkg, dep)
			}
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s pulls in %s", pkg, dep)
				}
			}
		}
	}
	if checked < 6 {
		t.Fatalf("checked %d provider packages, expected at least 6", checked)
	}
}
