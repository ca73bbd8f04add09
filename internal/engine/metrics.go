package engine

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	steps       *prometheus.CounterVec
	stepSeconds *prometheus.HistogramVec
	suspensions *prometheus.CounterVec
	decisions   *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		steps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warroom_action_steps_total", Help: "Action execution steps by kind and outcome.",
		}, []string{"kind", "outcome"}),
		stepSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "warroom_action_step_seconds", Help: "Duration of finished action execution steps.",
			Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
		suspensions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warroom_suspensions_total", Help: "Waits for a human, by kind (approval, reauth).",
		}, []string{"wait"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warroom_decisions_total", Help: "Human decisions on waits, by decision.",
		}, []string{"decision"}),
	}
	if reg != nil {
		reg.MustRegister(m.steps, m.stepSeconds, m.suspensions, m.decisions)
	}
	return m
}
