package app

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/warroom/warroom/internal/store"
)

// initStore opens the database (migrations run in Start, after the HTTP
// server answers health checks) and the metrics registry.
func (a *App) initStore(ctx context.Context) error {
	st, err := store.Open(ctx, a.cfg.DB)
	if err != nil {
		return err
	}
	a.store = st
	a.closers = append(a.closers, func() { st.Close() })
	a.registry = prometheus.NewRegistry()
	a.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return nil
}
