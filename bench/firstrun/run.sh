#!/bin/bash
# run.sh replays every held-out sample's first run: each severity sample
# and culprit batch runs on the rules as they stood just before the commit
# that added it (which also carries the fixes it prompted), and each
# verdict's raw strength and rightness go to
# internal/triage/testdata/firstruns.tsv, whose monotone fit is the
# confidence calibration (internal/triage/calibrate.go).
#
# Usage: bench/firstrun/run.sh   (needs the repository's history; takes a
# few minutes: one test build per sample)
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
out=$repo/internal/triage/testdata/firstruns.tsv
tmp=$(mktemp -d)
wt=$tmp/wt
trap 'git -C "$repo" worktree remove --force "$wt" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

# A sample whose rule changes were committed before the sample itself
# names the commit its first run ran on.
declare -A base_override=([severity38]=1b35c3a)

# replay KIND N FILE VAR: run FILE's table VAR on the rules before FILE.
replay() {
	local kind=$1 n=$2 file=$3 var=$4
	local added base
	added=$(git -C "$repo" log --diff-filter=A --format=%h -- "$file" | tail -1)
	base=${base_override[$kind$n]:-$added^}
	git -C "$repo" worktree remove --force "$wt" >/dev/null 2>&1 || true
	git -C "$repo" worktree add --detach "$wt" "$base" >/dev/null 2>&1
	local dst=$wt/$file
	# The sample as it was added, without later notes on known limitations
	# (a field the older rules' tests may lack).
	git -C "$repo" show "$added:$file" | grep -v '^\s*limitation:' | awk '/^func Test/{skip=1} !skip{print} skip && /^}/{skip=0}' > "$dst"
	for imp in '"testing":var _ = testing.Verbose' 'internal/config":var _ config.Service' '"strings":var _ = strings.Contains' '"fmt":var _ = fmt.Sprint' '"time":var _ = time.Now'; do
		grep -q "${imp%%:*}" "$dst" && echo "${imp#*:}" >> "$dst"
	done
	# Strength is the raw rating once calibration exists; before, the
	# confidence was the raw rating.
	local raw=Confidence
	grep -q 'Strength ' "$wt/internal/triage/severity.go" && raw=Strength
	sed -e "s/VAR/$var/" -e "s/RAW/$raw/" -e "s/KIND/$kind/" "$repo/bench/firstrun/probe_$kind.go.txt" > "$wt/internal/triage/zz_firstrun_test.go"
	(cd "$wt" && FIRSTRUN_OUT=$tmp/rows FIRSTRUN_SAMPLE=$n go test ./internal/triage -run 'TestZZFirstRun' -count=1 >/dev/null)
}

cd "$repo"
for f in internal/triage/heldout*_test.go; do
	var=$(grep -o '^var severityHeldout[0-9]*' "$f" | head -1 | sed 's/var //') || true
	[ -n "$var" ] || continue
	n=${var#severityHeldout}
	echo "severity sample $n" >&2
	replay severity "$n" "$f" "$var"
done
for f in internal/triage/culprit_cases*_test.go; do
	fn=$(grep -o 'func culpritCases[A-Za-z]*Batch' "$f" | head -1 | sed 's/func //') || true
	[ -n "$fn" ] || continue
	n=$(basename "$f" | sed 's/culprit_cases\([0-9]*\)_test.go/\1/')
	[ "$n" -ge 10 ] || continue # earlier batches were tuned on as they were written
	echo "culprit batch $n" >&2
	replay culprit "$n" "$f" "$fn()"
done
{
	echo "# First runs of held-out samples, each replayed on the rules as they stood just before it (bench/firstrun)."
	printf '# kind\tsample\tcase\traw\tright\n'
	sort -t$'\t' -k1,1r -k2,2n -k3,3n "$tmp/rows"
} > "$out"
echo "wrote $(grep -vc '^#' "$out") first runs to $out" >&2
