package main

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// With two replicas, a viewer of the survivor's live stream must see events
// the other replica wrote: the survivor learns of them only through
// PostgreSQL LISTEN/NOTIFY. A probe opens the survivor's stream of an
// incident, writes a note on the victim (through its dashboard form, as a
// person would), and waits for the note on the survivor's stream. Nothing
// else wakes that stream: a note starts no step.
func (r *runner) probeLoop(ctx context.Context) {
	survivor := r.replicas[0]
	viewer, err := signIn(ctx, survivor.base, "alice")
	if err != nil {
		r.fail("sign in on the survivor: %v", err)
		return
	}
	for p := range r.o.Probes {
		var incs []string
		for len(incs) == 0 {
			list, err := r.allIncidents(ctx)
			if err != nil || ctx.Err() != nil {
				r.fail("probe %d: list incidents: %v %v", p, err, ctx.Err())
				return
			}
			for _, inc := range list {
				incs = append(incs, inc.ID)
			}
			if len(incs) == 0 {
				time.Sleep(200 * time.Millisecond)
			}
		}
		incID := incs[r.intn(len(incs))]
		token := fmt.Sprintf("chaos-probe-%d-%d", r.o.Seed, p)
		lat, events, err := r.probe(ctx, viewer, incID, token)
		r.mu.Lock()
		r.rep.StreamEvents += events
		if err != nil {
			r.rep.problem("stream probe %d on incident %s: %v", p, incID, err)
		} else {
			r.rep.StreamProbes = append(r.rep.StreamProbes, lat)
		}
		r.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Duration(500+r.intn(1500)) * time.Millisecond):
		}
	}
}

func (r *runner) fail(format string, a ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rep.problem(format, a...)
}

func (r *runner) intn(n int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rng.IntN(n)
}

func (r *runner) float() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rng.Float64()
}

func (r *runner) probe(ctx context.Context, viewer *browser, incID, token string) (time.Duration, int, error) {
	sctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(sctx, "GET", viewer.base+"/incidents/"+incID+"/events/stream", nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := viewer.stream.Do(req)
	if err != nil {
		return 0, 0, fmt.Errorf("open the survivor's stream: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("the survivor's stream answered %d", resp.StatusCode)
	}
	seen := make(chan time.Time, 1)
	events := make(chan int, 1)
	go func() {
		n := 0
		defer func() { events <- n }()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64*1024), 4<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "event: ") {
				n++
			}
			if strings.HasPrefix(line, "data: ") && strings.Contains(line, token) {
				select {
				case seen <- time.Now():
				default:
				}
			}
		}
	}()
	// Write the note on the victim, through kills: sign in afresh each try
	// (a restarted process may not know the old session).
	var wrote time.Time
	for wrote.IsZero() {
		if err := r.noteOnVictim(sctx, incID, token); err != nil {
			if sctx.Err() != nil {
				return 0, 0, fmt.Errorf("writing the note on the victim: %w", err)
			}
			time.Sleep(300 * time.Millisecond)
			continue
		}
		wrote = time.Now()
	}
	var lat time.Duration
	select {
	case at := <-seen:
		lat = max(0, at.Sub(wrote))
	case <-time.After(30 * time.Second):
		cancel()
		return 0, <-events, fmt.Errorf("the note written on replica %s never reached the survivor's stream (30s)", r.victim.name)
	}
	cancel()
	return lat, <-events, nil
}

func (r *runner) noteOnVictim(ctx context.Context, incID, text string) error {
	b, err := signIn(ctx, r.victim.base, "alice")
	if err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", b.base+"/incidents/"+incID, nil)
	resp, err := b.client.Do(req)
	if err != nil {
		return err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindStringSubmatch(string(page))
	if resp.StatusCode != http.StatusOK || m == nil {
		return fmt.Errorf("incident page on the victim: %d (csrf field found: %v)", resp.StatusCode, m != nil)
	}
	form := url.Values{"csrf": {html.UnescapeString(m[1])}, "text": {text}}
	req, _ = http.NewRequestWithContext(ctx, "POST", b.base+"/incidents/"+incID+"/notes", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	resp, err = b.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("note on the victim: status %d", resp.StatusCode)
	}
	r.mu.Lock()
	r.byReplica[r.victim.name+" (notes)"]++
	r.mu.Unlock()
	return nil
}

// browser is a signed-in dashboard session (the demo sign-in).
type browser struct {
	base   string
	client *http.Client // pages and forms
	stream *http.Client // no timeout: a stream stays open
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func signIn(ctx context.Context, base, engineer string) (*browser, error) {
	jar, _ := cookiejar.New(nil)
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	b := &browser{base: base, client: &http.Client{Jar: jar, Timeout: 15 * time.Second, CheckRedirect: noRedirect},
		stream: &http.Client{Jar: jar, CheckRedirect: noRedirect}}
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/login", strings.NewReader(url.Values{"engineer": {engineer}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign in as %s: %w", engineer, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign in as %s: status %d", engineer, resp.StatusCode)
	}
	return b, nil
}
