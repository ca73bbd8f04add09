package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/incident"
)

// Injected is what the harness adds to a tool call. None of it can come from
// a reasoner: identity and targets are decided by WarRoom, not by the model.
type Injected struct {
	IncidentID string `json:"incident_id"`
	Service    string `json:"service,omitempty"`
	Repo       string `json:"repo,omitempty"`   // owner/name of the service's repository
	RunAs      string `json:"run_as,omitempty"` // the approving engineer, once a protected call is approved
}

// Invocation is what a tool runs with: the reasoner's validated Args and the
// harness's Injected values, kept apart so every tool-call event can record
// them apart.
type Invocation struct {
	Args     json.RawMessage
	Injected Injected
}

// Tool is one capability offered to reasoners.
type Tool struct {
	Name        string
	Description string
	Schema      json.RawMessage // JSON Schema of Args: an object, additionalProperties false
	Class       incident.Class  // open: read-only, runs at once; protected: waits for approval
	Risk        incident.Risk
	StepUp      bool // requires step-up authentication when executed
	// Run executes an open tool. Protected tools are executed by the engine
	// after approval, so Run is nil for them.
	Run func(ctx context.Context, inv Invocation) (json.RawMessage, error)
	// Target names the resource a protected call acts on ("github:acme/shop"),
	// from injected values only; default "incident:<id>".
	Target func(Injected) string
	// Locate, when set, refines what the harness injects into a protected
	// call from its validated arguments before the target is named: the
	// repository holding the commits a revert names. It reads, never acts.
	Locate func(ctx context.Context, inv Invocation) (Injected, error)

	schema *jsonschema.Schema
}

// Errors from the registry.
var (
	ErrUnknownTool = errors.New("unknown tool")
	ErrBadArgs     = errors.New("arguments do not match the tool's schema")
	ErrBadTool     = errors.New("tool definition refused")
)

var toolName = regexp.MustCompile(`^[a-z][a-z0-9_]{1,63}$`)

// forbiddenField matches property names through which a reasoner could name
// a credential, an identity or a target. The harness injects those; a schema
// offering them to the model is refused at registration.
var forbiddenField = regexp.MustCompile(`(?i)token|secret|passw|credential|api_?key|authoriz|bearer|cookie|session|` +
	`identity|owner|engineer|approv|actor|run_?as|impersonat|user|login|email|repo|incident`)

// Registry holds the tools offered to reasoners, in registration order.
type Registry struct {
	tools map[string]*Tool
	order []string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{tools: map[string]*Tool{}} }

// Register adds t after checking its definition: a valid name, a class, a
// compilable object schema that closes additional properties, and no
// property through which identity or targets could be supplied.
func (r *Registry) Register(t Tool) error {
	if !toolName.MatchString(t.Name) {
		return fmt.Errorf("tool %q: name must be lower_snake_case: %w", t.Name, ErrBadTool)
	}
	if _, dup := r.tools[t.Name]; dup {
		return fmt.Errorf("tool %s: registered twice: %w", t.Name, ErrBadTool)
	}
	if !t.Class.Valid() || !t.Risk.Valid() {
		return fmt.Errorf("tool %s: class %q, risk %q: %w", t.Name, t.Class, t.Risk, ErrBadTool)
	}
	if t.Class == incident.ClassOpen && t.Run == nil {
		return fmt.Errorf("tool %s: an open tool needs Run: %w", t.Name, ErrBadTool)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(t.Schema))
	if err != nil {
		return fmt.Errorf("tool %s: schema is not JSON: %v: %w", t.Name, err, ErrBadTool)
	}
	if top, ok := doc.(map[string]any); !ok || top["type"] != "object" {
		return fmt.Errorf("tool %s: the schema's top level must be {\"type\":\"object\"}: %w", t.Name, ErrBadTool)
	}
	if err := checkSchema(doc, "schema"); err != nil {
		return fmt.Errorf("tool %s: %v: %w", t.Name, err, ErrBadTool)
	}
	c := jsonschema.NewCompiler()
	url := "warroom:tool/" + t.Name
	if err := c.AddResource(url, doc); err != nil {
		return fmt.Errorf("tool %s: %v: %w", t.Name, err, ErrBadTool)
	}
	if t.schema, err = c.Compile(url); err != nil {
		return fmt.Errorf("tool %s: schema does not compile: %v: %w", t.Name, err, ErrBadTool)
	}
	r.tools[t.Name] = &t
	r.order = append(r.order, t.Name)
	return nil
}

// checkSchema walks the schema: every object must close additional
// properties, and no property may be a credential, identity or target.
func checkSchema(v any, path string) error {
	switch s := v.(type) {
	case map[string]any:
		props, hasProps := s["properties"].(map[string]any)
		if s["type"] == "object" || hasProps {
			if ap, ok := s["additionalProperties"].(bool); !ok || ap {
				return fmt.Errorf("%s: objects must set additionalProperties: false", path)
			}
		}
		for name, sub := range props {
			if forbiddenField.MatchString(name) {
				return fmt.Errorf("%s.properties.%s: identity, credentials and targets are injected by the harness, not asked of the model", path, name)
			}
			if err := checkSchema(sub, path+".properties."+name); err != nil {
				return err
			}
		}
		for _, key := range []string{"items", "additionalItems"} {
			if sub, ok := s[key]; ok {
				if err := checkSchema(sub, path+"."+key); err != nil {
					return err
				}
			}
		}
	case []any:
		for i, sub := range s {
			if err := checkSchema(sub, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ApplyPolicy raises tools to protected and requires step-up as the policy
// file says. A policy can only make a tool stricter; naming a tool that does
// not exist is an error, so a typo cannot silently leave a tool open.
func (r *Registry) ApplyPolicy(tools map[string]config.ToolPolicy) error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(tools)) {
		t, ok := r.tools[name]
		if !ok {
			errs = append(errs, fmt.Errorf("policy.tools.%s: %w", name, ErrUnknownTool))
			continue
		}
		p := tools[name]
		if p.Class == string(incident.ClassProtected) {
			t.Class = incident.ClassProtected
		}
		t.StepUp = t.StepUp || p.StepUp
	}
	return errors.Join(errs...)
}

// Get returns a tool by name.
func (r *Registry) Get(name string) (*Tool, bool) {
	t, ok := r.tools[name]
	return t, ok
}

// Defs is what reasoners are told: names, descriptions and schemas only.
func (r *Registry) Defs() []ToolDef {
	out := make([]ToolDef, 0, len(r.order))
	for _, name := range r.order {
		t := r.tools[name]
		out = append(out, ToolDef{Name: t.Name, Description: t.Description, InputSchema: t.Schema})
	}
	return out
}

// Validate checks a reasoner's arguments against the tool's schema. Fields
// the schema does not declare are refused, so a reasoner cannot smuggle an
// identity or a target into a call.
func (r *Registry) Validate(name string, args json.RawMessage) error {
	t, ok := r.tools[name]
	if !ok {
		return fmt.Errorf("tool %q: %w", name, ErrUnknownTool)
	}
	if len(bytes.TrimSpace(args)) == 0 {
		args = json.RawMessage(`{}`)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(args))
	if err != nil {
		return fmt.Errorf("tool %s: arguments are not JSON: %w", name, ErrBadArgs)
	}
	if err := t.schema.Validate(v); err != nil {
		return fmt.Errorf("tool %s: %s: %w", name, strings.TrimSpace(err.Error()), ErrBadArgs)
	}
	return nil
}
