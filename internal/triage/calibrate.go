package triage

// The rules rate each verdict's evidence (how much of it, how clear the
// margin over the alternatives) as a raw strength between 0 and 1. Replayed
// on samples they had never seen, that strength hardly predicts being
// right: each held-out sample's first run, on the rules as they stood just
// before it (bench/firstrun), put severities at raw 0.8 or more right 70 %
// of the time (64 % overall), and blamed commits at raw 0.8 or more right
// 55 % (56 % overall). So the confidence a verdict reports is not the raw
// strength but the precision measured at that strength on unseen samples:
// a monotone fit (pooled adjacent violators over 0.1-wide bands) of
// testdata/firstruns.tsv, which a test checks these tables against. New
// held-out samples go into that file and, through the fit, into these
// tables.

// calibrationStep maps raw strengths below below to the precision measured
// there.
type calibrationStep struct{ below, precision float64 }

// calibrationMap is a non-decreasing step function, steps in raw order.
type calibrationMap []calibrationStep

// apply returns the measured precision for a raw strength.
func (m calibrationMap) apply(raw float64) float64 {
	for _, s := range m {
		if raw < s.below {
			return s.precision
		}
	}
	return m[len(m)-1].precision
}

// severityCalibration: 664 first-run severities from 24 held-out samples.
var severityCalibration = calibrationMap{{0.5, 0.50}, {0.8, 0.63}, {2, 0.70}}

// culpritCalibration: 108 first-run blames from 20 held-out batches (an
// abstention claims nothing and is not counted).
var culpritCalibration = calibrationMap{{0.9, 0.53}, {2, 0.63}}
