package dashboard

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/warroom/warroom/internal/live"
)

const streamPage = 200

// startStream sends the event-stream headers; it fails when the connection
// cannot be flushed (then there is no stream to speak of).
func startStream(w http.ResponseWriter) (*http.ResponseController, bool) {
	rc := http.NewResponseController(w)
	// A stream outlives any write timeout meant for pages.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // proxies must not hold events back
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write([]byte("retry: 2000\n\n")); err != nil {
		return nil, false
	}
	return rc, rc.Flush() == nil
}

// stream sends an incident's timeline as Server-Sent Events: "id: <seq>",
// "event: <type>", "data: <json>". It starts after Last-Event-ID (a
// reconnecting browser) or ?after= (the page's last rendered event), and
// every event it sends is read from the store, so a reconnection loses
// nothing and a wake-up that is missed only delays an event to the next.
func (d *Dashboard) stream(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	id := r.PathValue("id")
	cursor, ok := streamCursor(r)
	if !ok {
		http.Error(w, "Last-Event-ID and after are non-negative event sequence numbers", http.StatusBadRequest)
		return
	}
	if _, err := d.st.GetIncident(ctx, id); err != nil {
		// EventSource gives up on a non-200 answer, which is right here.
		http.Error(w, "no such incident", http.StatusNotFound)
		return
	}
	// Subscribe before reading, so an event committed after the read wakes us.
	wake, cancel := d.live.Subscribe(id)
	defer cancel()
	rc, ok := startStream(w)
	if !ok {
		return
	}
	beat := time.NewTicker(d.opts.Heartbeat)
	defer beat.Stop()
	for {
		for {
			evs, err := d.live.Events(ctx, id, cursor, streamPage)
			if err != nil {
				if ctx.Err() == nil {
					d.log.WarnContext(ctx, "dashboard: stream read", "incident", id, "error", err.Error())
				}
				return // the browser reconnects with Last-Event-ID
			}
			for _, ev := range evs {
				b, err := d.frame(ev)
				if err != nil {
					d.log.ErrorContext(ctx, "dashboard: stream frame", "incident", id, "error", err.Error())
					return
				}
				if _, err := w.Write(b); err != nil {
					return
				}
				cursor = ev.Seq
			}
			if len(evs) > 0 && rc.Flush() != nil {
				return
			}
			if len(evs) < streamPage {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case _, open := <-wake:
			if !open {
				return // shutting down
			}
		case <-beat.C:
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

func streamCursor(r *http.Request) (int64, bool) {
	raw := r.Header.Get("Last-Event-ID")
	if raw == "" {
		raw = r.URL.Query().Get("after")
	}
	if raw == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	return n, err == nil && n >= 0
}

// listGap is the least time between two reads of the incident list for one
// stream: every event of every incident wakes it, and rows change rarely.
const listGap = 250 * time.Millisecond

// listStream keeps the incident list current: on connecting it sends every
// row under the page's filters (so nothing created between the page and the
// stream is missed), then each row that changes, appears or leaves
// ("event: incident", data {"id", "html"}; empty html removes the row).
func (d *Dashboard) listStream(w http.ResponseWriter, r *http.Request, v viewer) {
	ctx := r.Context()
	f, ok := filterFrom(r.URL.Query())
	if !ok {
		http.Error(w, "invalid filter", http.StatusBadRequest)
		return
	}
	wake, cancel := d.live.Subscribe(live.All)
	defer cancel()
	rc, ok := startStream(w)
	if !ok {
		return
	}
	beat := time.NewTicker(d.opts.Heartbeat)
	defer beat.Stop()
	sent := map[string]string{}
	for {
		incs, _, err := d.visiblePage(ctx, v, f)
		if err != nil {
			if ctx.Err() == nil {
				d.log.WarnContext(ctx, "dashboard: list stream read", "error", err.Error())
			}
			return
		}
		seen := map[string]bool{}
		var out bytes.Buffer
		// Oldest first: the page puts each new row on top.
		for _, inc := range slices.Backward(incs) {
			seen[inc.ID] = true
			var row bytes.Buffer
			if err := d.frag.ExecuteTemplate(&row, "incidentRow", inc); err != nil {
				d.log.ErrorContext(ctx, "dashboard: render row", "error", err.Error())
				return
			}
			if sent[inc.ID] == row.String() {
				continue
			}
			sent[inc.ID] = row.String()
			writeListEvent(&out, inc.ID, row.String())
		}
		for id := range sent {
			if !seen[id] {
				delete(sent, id)
				writeListEvent(&out, id, "")
			}
		}
		if out.Len() > 0 {
			if _, err := w.Write(out.Bytes()); err != nil || rc.Flush() != nil {
				return
			}
		}
		select {
		case <-ctx.Done():
			return
		case _, open := <-wake:
			if !open {
				return
			}
			select { // let a burst of events settle into one read
			case <-ctx.Done():
				return
			case <-time.After(listGap):
			}
		case <-beat.C:
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

func writeListEvent(b *bytes.Buffer, id, html string) {
	data, _ := json.Marshal(map[string]string{"id": id, "html": html})
	b.WriteString("event: incident\ndata: ")
	b.Write(data)
	b.WriteString("\n\n")
}
