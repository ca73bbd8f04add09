// Package browsertest drives a real headless Chromium for the browser tests
// (chromedp): a browser per test, a tab per signed-in engineer, steps that
// fail the test with the page's text, and accessibility checks with axe-core
// (the npm package's axe.min.js, checked in beside this file with its
// licence, version in AxeVersion).
package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

//go:embed axe.min.js
var axeSource string

// AxeVersion is the checked-in axe-core's version.
const AxeVersion = "4.14.1"

// Chromium finds Debian's chromium (or another Chrome). Without one the
// browser tests skip, except under CI, where they must run.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required for the browser tests under CI (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH: browser tests skipped (they run under CI)")
	return ""
}

// Browser starts a headless chromium with a 1440×1000 window.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Headless, chromedp.DisableGPU, chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1440, 1000))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Tab opens a tab in its own browser context (its own cookie jar). The test
// fails on any script error or Content-Security-Policy violation the tab
// reports.
func Tab(t testing.TB, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if strings.Contains(e.Entry.Text, "Content Security Policy") || strings.Contains(e.Entry.Text, "Refused to") {
				problems = append(problems, e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			problems = append(problems, fmt.Sprintf("script error at %s:%d: %s", d.URL, d.LineNumber, msg))
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser reported: %s", p)
		}
	})
	return ctx
}

// Do runs steps within 30 s, failing the test with the page's text if one fails.
func Do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		var html string
		if h, herr := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`)); herr == nil {
			html = h
		}
		t.Fatalf("%s: %v\npage text:\n%s", what, err, html)
	}
}

// Eval evaluates expr in the page.
func Eval[T any](t testing.TB, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// NoSideScroll fails the test when the page is wider than the window.
func NoSideScroll(t testing.TB, ctx context.Context, what string) {
	t.Helper()
	if w := Eval[float64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("%s scrolls sideways by %.0f px", what, w)
	}
}

// Violation is one axe-core rule the page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// Axe runs axe-core (WCAG 2 A and AA rules) on the page as it is and fails
// the test on every serious or critical violation. The script is evaluated
// through DevTools, so the page's Content-Security-Policy still forbids
// inline code for the page itself.
func Axe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	if !Eval[bool](t, ctx, `typeof axe !== 'undefined'`) {
		Eval[bool](t, ctx, axeSource+"\n;true")
	}
	raw := Eval[string](t, ctx, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})`+
		`.then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise)
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			continue
		}
		var where []string
		for _, n := range v.Nodes[:min(3, len(v.Nodes))] {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("axe on %s: %s (%s): %s, at %s", page, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
}
