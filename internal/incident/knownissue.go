package incident

// KnownIssue is a problem the team has seen before, with its runbook. The
// config file, scenario files and the store's full-text index all hold it.
type KnownIssue struct {
	ID       string   `json:"id" yaml:"id"`
	Title    string   `json:"title" yaml:"title"`
	Symptoms string   `json:"symptoms" yaml:"symptoms"`
	Domains  []string `json:"domains" yaml:"domains"`
	Runbook  string   `json:"runbook" yaml:"runbook"`
}
