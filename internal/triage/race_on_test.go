//go:build race

package triage

// raceEnabled: the race detector slows regular expressions about tenfold,
// so exhaustive comparisons sample their inputs under it.
const raceEnabled = true
