// Package live tells dashboard streams that an incident's timeline moved on.
//
// A notification is only a hint that carries no data: whoever is woken reads
// what is new from the store, through a small per-incident cache the hub
// shares among everyone watching that incident. A missed, duplicated or
// coalesced hint therefore never loses or repeats an event; it only delays
// one until the next hint.
//
// Where hints come from:
//   - PostgreSQL: a trigger (migration 00009) runs pg_notify('warroom_events',
//     '<incident id>:<seq>') for every new event, delivered at commit to every
//     replica's hub, which LISTENs on a dedicated connection.
//   - SQLite (one process): the hub polls the events table for rows newer than
//     the last it saw, only while someone is watching.
//   - Either: Notify, for a write this process just made.
package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warroom/warroom/internal/incident"
	"github.com/warroom/warroom/internal/store"
)

// Channel is the PostgreSQL notification channel the events trigger uses.
const Channel = "warroom_events"

// All subscribes to every incident (the incident list's stream).
const All = ""

// Options tunes a Hub; zero values get defaults.
type Options struct {
	// PollInterval is how often SQLite is asked for new events while anyone
	// watches, in case another process wrote them (default 2s): this
	// process's own commits wake the hub at once. Unused on PostgreSQL.
	PollInterval time.Duration
	// CacheSize is how many recent events of each watched incident are kept
	// in memory to serve many viewers from one query (default 256).
	CacheSize int
	Logger    *slog.Logger
}

// Hub fans wake-ups out to subscribers and serves their reads.
type Hub struct {
	st   *store.Store
	opts Options
	log  *slog.Logger

	mu      sync.Mutex
	topics  map[string]*topic
	closed  bool
	started bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// topic is one watched incident (or All): its subscribers and its cache.
type topic struct {
	id   string
	subs map[chan struct{}]struct{}

	// fetchMu lets one reader refresh the cache while the others wait for it,
	// so a wake-up costs one query however many viewers there are.
	fetchMu sync.Mutex
	cmu     sync.Mutex // guards the fields below
	gen     uint64     // bumped by every hint
	clean   uint64     // the gen the cache was last brought up to date with
	valid   bool
	base    int64            // the seq just before ring[0]
	ring    []incident.Event // contiguous: ring[i].Seq == base+1+i
}

// New builds a hub over st. Call Start to receive hints from the database.
func New(st *store.Store, opts Options) *Hub {
	if opts.PollInterval <= 0 {
		opts.PollInterval = 2 * time.Second
	}
	if opts.CacheSize <= 0 {
		opts.CacheSize = 256
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Hub{st: st, opts: opts, log: opts.Logger, topics: map[string]*topic{}}
}

// Start begins receiving hints: LISTEN on PostgreSQL (it returns once the
// first LISTEN is in place, or its error), polling on SQLite. The hub runs
// until Close.
func (h *Hub) Start(ctx context.Context) error {
	h.mu.Lock()
	if h.started || h.closed {
		h.mu.Unlock()
		return errors.New("live: hub already started or closed")
	}
	h.started = true
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	h.cancel, h.done = cancel, make(chan struct{})
	h.mu.Unlock()

	if h.st.Dialect() == store.Postgres {
		conn, err := h.listenConn(ctx)
		if err != nil {
			cancel()
			close(h.done)
			return err
		}
		go h.listen(rctx, conn)
		h.wakeAll() // anyone already watching re-reads what landed before the LISTEN
		return nil
	}
	last, err := h.st.NewestEventID(ctx)
	if err != nil {
		cancel()
		close(h.done)
		return fmt.Errorf("live: read newest event: %w", err)
	}
	go h.poll(rctx, last)
	h.wakeAll()
	return nil
}

// Close stops receiving hints and closes every subscription's channel, so
// streams end (call it when the HTTP server shuts down).
func (h *Hub) Close() {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	cancel, done := h.cancel, h.done
	for _, t := range h.topics {
		for ch := range t.subs {
			close(ch)
		}
	}
	h.topics = map[string]*topic{}
	h.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

// Subscribe returns a channel that receives a value whenever incidentID's
// timeline (every incident's, for All) may have moved on. Wake-ups coalesce:
// one pending value stands for any number of hints. The channel is closed
// when the hub closes; call cancel when done watching.
func (h *Hub) Subscribe(incidentID string) (wake <-chan struct{}, cancel func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	t := h.topics[incidentID]
	if t == nil {
		t = &topic{id: incidentID, subs: map[chan struct{}]struct{}{}}
		h.topics[incidentID] = t
	}
	t.subs[ch] = struct{}{}
	return ch, sync.OnceFunc(func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if cur := h.topics[incidentID]; cur == t {
			delete(t.subs, ch)
			if len(t.subs) == 0 {
				delete(h.topics, incidentID)
			}
		}
	})
}

// Watchers is how many subscriptions are open.
func (h *Hub) Watchers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, t := range h.topics {
		n += len(t.subs)
	}
	return n
}

// Notify wakes incidentID's subscribers (and All's): for a write this
// process just committed, so its viewers need not wait for the next poll.
func (h *Hub) Notify(incidentID string) { h.wake(incidentID) }

func (h *Hub) wake(incidentID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[incidentID]; t != nil && incidentID != All {
		t.signal()
	}
	if t := h.topics[All]; t != nil {
		t.signal()
	}
}

// wakeAll wakes everyone: after hints may have been missed (a lost
// connection), every stream re-reads the store.
func (h *Hub) wakeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, t := range h.topics {
		t.signal()
	}
}

func (h *Hub) watched() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.topics) > 0
}

// signal marks the cache stale and wakes every subscriber; h.mu is held.
func (t *topic) signal() {
	t.cmu.Lock()
	t.gen++
	t.cmu.Unlock()
	for ch := range t.subs {
		select {
		case ch <- struct{}{}:
		default: // a wake-up is already pending: it covers this one
		}
	}
}

// Events returns up to limit events of incidentID after sequence after, in
// order. While the incident is watched, concurrent readers share one store
// query per wake-up; otherwise it reads the store directly.
func (h *Hub) Events(ctx context.Context, incidentID string, after int64, limit int) ([]incident.Event, error) {
	if limit <= 0 {
		limit = 500
	}
	h.mu.Lock()
	t := h.topics[incidentID]
	h.mu.Unlock()
	if t == nil || incidentID == All {
		return h.st.ListEvents(ctx, incidentID, after, limit)
	}
	t.cmu.Lock()
	out, ok := t.serve(after, limit)
	t.cmu.Unlock()
	if ok {
		return out, nil
	}
	t.fetchMu.Lock()
	defer t.fetchMu.Unlock()
	t.cmu.Lock()
	if out, ok := t.serve(after, limit); ok {
		t.cmu.Unlock()
		return out, nil
	}
	g := t.gen
	extend := t.valid && after >= t.base
	from := after
	if extend {
		from = t.base + int64(len(t.ring))
	}
	t.cmu.Unlock()

	const page = 500
	evs, err := h.st.ListEvents(ctx, incidentID, from, max(page, limit))
	if err != nil {
		return nil, err
	}
	t.cmu.Lock()
	defer t.cmu.Unlock()
	if !extend {
		t.base, t.ring, t.valid = from, nil, true
	}
	for _, ev := range evs {
		if ev.Seq != t.base+int64(len(t.ring))+1 {
			// Not contiguous (cannot happen with gapless sequences): start over from here.
			t.base, t.ring = ev.Seq-1, nil
		}
		t.ring = append(t.ring, ev)
	}
	if len(evs) < max(page, limit) {
		t.clean = g
	}
	// Answer before trimming: an extending fetch starts where the ring
	// ended, not at after, so once the trim moves the base past after, the
	// fetch alone would skip the events between them.
	var res []incident.Event
	covered := after >= t.base
	if covered {
		res = t.slice(after, limit)
	}
	if n := len(t.ring) - h.opts.CacheSize; n > 0 {
		t.ring = append([]incident.Event(nil), t.ring[n:]...)
		t.base += int64(n)
	}
	if covered {
		return res, nil
	}
	// The cache has moved past this reader (far behind): answer from the fetch.
	for _, ev := range evs {
		if ev.Seq > after && len(res) < limit {
			res = append(res, ev)
		}
	}
	return res, nil
}

// serve answers from the cache when it is current and covers after; cmu is held.
func (t *topic) serve(after int64, limit int) ([]incident.Event, bool) {
	if !t.valid || t.gen != t.clean || after < t.base {
		return nil, false
	}
	return t.slice(after, limit), true
}

func (t *topic) slice(after int64, limit int) []incident.Event {
	i := int(after - t.base)
	if i >= len(t.ring) {
		return nil
	}
	j := min(len(t.ring), i+limit)
	return append([]incident.Event(nil), t.ring[i:j]...)
}

// --- PostgreSQL: LISTEN on a dedicated connection ---

func (h *Hub) listenConn(ctx context.Context) (*pgx.Conn, error) {
	conn, err := h.st.Listen(ctx, Channel)
	if err != nil {
		return nil, fmt.Errorf("live: %w", err)
	}
	return conn, nil
}

// listen follows the hub's channel until ctx ends; after a reconnection it
// wakes everyone, since hints may have been missed.
func (h *Hub) listen(ctx context.Context, conn *pgx.Conn) {
	defer close(h.done)
	h.st.Follow(ctx, conn, Channel, func(payload string) {
		if id, ok := parsePayload(payload); ok {
			h.wake(id)
		}
	}, h.wakeAll, h.log)
}

// parsePayload reads "<incident id>:<seq>".
func parsePayload(p string) (string, bool) {
	i := strings.LastIndexByte(p, ':')
	if i <= 0 {
		return "", false
	}
	return p[:i], true
}

// --- SQLite: read on commit while watched ---

// poll asks for events newer than last whenever this process commits
// events, and every PollInterval in case another process did. It reads the
// events table directly (SQLite's ids grow in commit order, since there is
// one writer), and only while someone watches, so an idle dashboard costs
// nothing.
func (h *Hub) poll(ctx context.Context, last int64) {
	defer close(h.done)
	const batch = 1000
	committed := make(chan struct{}, 1)
	defer h.st.OnEventsAppended(func() {
		select {
		case committed <- struct{}{}:
		default: // a read is already due; it will see these events too
		}
	})()
	tick := time.NewTicker(h.opts.PollInterval)
	defer tick.Stop()
	behind := false // events may have landed while nobody watched
	for {
		select {
		case <-ctx.Done():
			return
		case <-committed:
		case <-tick.C:
		}
		if !h.watched() {
			behind = true
			continue
		}
		if behind {
			// Hints for events nobody watched are no use: skip to the newest,
			// and everyone who has started watching since re-reads.
			newest, err := h.st.NewestEventID(ctx)
			if err != nil {
				if ctx.Err() == nil {
					h.log.Warn("live: read newest event", "error", err.Error())
				}
				continue
			}
			last, behind = newest, false
			h.wakeAll()
			continue
		}
		refs, err := h.st.EventsAfter(ctx, last, batch)
		if err != nil {
			if ctx.Err() == nil {
				h.log.Warn("live: poll events", "error", err.Error())
			}
			continue
		}
		seen := map[string]bool{}
		for _, e := range refs {
			last, seen[e.IncidentID] = e.ID, true
		}
		n := len(refs)
		if n == batch {
			h.wakeAll() // a burst: everyone re-reads rather than naming each incident
			select {    // and the rest is read at once, not at the next poll
			case committed <- struct{}{}:
			default:
			}
			continue
		}
		for inc := range seen {
			h.wake(inc)
		}
	}
}
