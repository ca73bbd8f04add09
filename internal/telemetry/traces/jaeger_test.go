package traces

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// jaegerBody is /api/traces as Jaeger's query service answers it.
func jaegerBody(traceID string) string {
	us := func(ms int) int64 { return start.Add(time.Duration(ms) * time.Millisecond).UnixMicro() }
	return fmt.Sprintf(`{"data":[{"traceID":%q,"spans":[
  {"traceID":%q,"spanID":"00f067aa0ba902b7","flags":1,"operationName":"GET /tracks","references":[],"startTime":%d,"duration":5001000,
   "tags":[{"key":"http.status_code","type":"int64","value":504},{"key":"error","type":"bool","value":true},{"key":"otel.status_code","type":"string","value":"ERROR"},
           {"key":"otel.status_description","type":"string","value":"504 Gateway Timeout"}],"logs":[],"processID":"p1","warnings":null},
  {"traceID":%q,"spanID":"53995c3f42cd8ad8","flags":1,"operationName":"encoder.Fetch","references":[{"refType":"CHILD_OF","traceID":%q,"spanID":"00f067aa0ba902b7"}],
   "startTime":%d,"duration":4990000,"tags":[{"key":"timeout_ms","type":"float64","value":5000.5},{"key":"error","type":"string","value":"true"},
           {"key":"error.message","type":"string","value":"context canceled"}],"logs":[],"processID":"p2","warnings":null}],
 "processes":{"p1":{"serviceName":"playout","tags":[{"key":"hostname","type":"string","value":"playout-0"}]},"p2":{"serviceName":"encoder","tags":[]}},"warnings":null}],
 "total":0,"limit":0,"offset":0,"errors":null}`, traceID, traceID, us(0), traceID, traceID, us(5))
}

func TestJaegerFindTraces(t *testing.T) {
	var got *http.Request
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/traces": func(w http.ResponseWriter, r *http.Request) {
			got = r
			fmt.Fprint(w, jaegerBody(traceHex))
		},
	}}
	srvClient := serve(t, f, Config{})
	j := &Jaeger{srvClient.conn}
	res, err := j.FindTraces(context.Background(), JaegerQuery{Service: "playout", Start: start, End: end, Tags: map[string]string{"error": "true"}, MinDuration: 2 * time.Second, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	q := got.URL.Query()
	if q.Get("service") != "playout" || q.Get("tags") != `{"error":"true"}` || q.Get("minDuration") != "2s" || q.Get("limit") != "1" ||
		q.Get("start") != strconv.FormatInt(start.UnixMicro(), 10) || q.Get("end") != strconv.FormatInt(end.UnixMicro(), 10) {
		t.Errorf("request %s", got.URL)
	}
	if !strings.Contains(res.Query, `tags={"error":"true"}`) || !res.Truncated || len(res.TraceIDs) != 1 || res.TraceIDs[0] != traceHex {
		t.Errorf("result %+v", res)
	}
	if len(res.Spans) != 2 {
		t.Fatalf("spans %+v", res.Spans)
	}
	root, child := res.Spans[0], res.Spans[1]
	if root.Service != "playout" || root.Status != "ERROR" || root.StatusMessage != "504 Gateway Timeout" || root.DurationMS != 5001 ||
		root.Attrs["http.status_code"] != int64(504) || root.Attrs["hostname"] != "playout-0" || root.ParentID != "" {
		t.Errorf("root %+v", root)
	}
	if child.Service != "encoder" || child.ParentID != rootHex || child.Status != "ERROR" || child.StatusMessage != "context canceled" ||
		child.Attrs["timeout_ms"] != 5000.5 || !child.Start.Equal(start.Add(5*time.Millisecond)) {
		t.Errorf("child %+v", child)
	}
}

func TestJaegerTraceAndErrors(t *testing.T) {
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/traces/" + traceHex: func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, jaegerBody(traceHex)) },
		"/api/traces/dead": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}`)
		},
		"/api/traces": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"unable to parse param 'minDuration': time: invalid duration"}]}`)
		},
	}}
	c := serve(t, f, Config{})
	j := &Jaeger{c.conn}
	spans, err := j.Trace(context.Background(), traceHex)
	if err != nil || len(spans) != 2 {
		t.Fatalf("trace: %v %+v", err, spans)
	}
	if _, err := j.Trace(context.Background(), "deadbeef"); !errors.Is(err, ErrTraceNotFound) {
		t.Errorf("unknown trace: %v", err)
	}
	_, err = j.FindTraces(context.Background(), JaegerQuery{Service: "x", Start: start, End: end})
	var aerr *APIError
	if !errors.As(err, &aerr) || aerr.StatusCode != 400 || !strings.HasPrefix(aerr.Message, "unable to parse param") {
		t.Errorf("bad request: %v", err)
	}
	if _, err := j.FindTraces(context.Background(), JaegerQuery{Start: start, End: end}); err == nil {
		t.Error("no error without a service")
	}
	if _, err := NewJaeger(Config{URL: "jaeger:16686"}); err == nil {
		t.Error("NewJaeger accepted a URL without scheme")
	}
}

func TestJaegerServiceFailures(t *testing.T) {
	ids := []string{"bbbb0000000000000000000000000001", "bbbb0000000000000000000000000002"}
	f := &tempo{routes: map[string]func(http.ResponseWriter, *http.Request){
		"/api/traces": func(w http.ResponseWriter, r *http.Request) {
			id := ids[0]
			if r.URL.Query().Get("minDuration") != "" {
				id = ids[1]
			}
			fmt.Fprint(w, jaegerBody(id))
		},
	}}
	c := serve(t, f, Config{Slow: 3 * time.Second})
	j := &Jaeger{c.conn}
	got, err := j.ServiceFailures(context.Background(), "playout", start, end)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Queries) != 2 || !strings.Contains(got.Queries[0], `tags={"error":"true"}`) || !strings.Contains(got.Queries[1], "minDuration=3s") {
		t.Errorf("queries %q", got.Queries)
	}
	if strings.Join(got.TraceIDs, ",") != strings.Join(ids, ",") || len(got.Spans) != 4 {
		t.Errorf("traces %v spans %d", got.TraceIDs, len(got.Spans))
	}

	capped := serve(t, f, Config{MaxTraces: 1})
	got, err = (&Jaeger{capped.conn}).ServiceFailures(context.Background(), "playout", start, end)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.TraceIDs) != 1 || !got.Truncated {
		t.Errorf("MaxTraces 1: %v truncated=%v", got.TraceIDs, got.Truncated)
	}
}
