#!/usr/bin/env sh
# convlings test runner for Exercism: run.sh <slug> <solution-dir> <output-dir>
#
# Grades the lesson <slug> (padding, filters, pooling, stacking) from the
# learner's .go files in <solution-dir> (read-only: they are copied to
# $TMPDIR)
# and writes <output-dir>/results.json (Exercism's interface, version 3).
# It exits 0 whatever the result: a failure to grade is results.json with
# status "error" and what happened. The checker and the pristine kit were
# built into the image (see ../Dockerfile); $CONVLINGS_RUNNER overrides
# their folder (default /opt/test-runner) so tests can run this script.
RUNNER="${CONVLINGS_RUNNER:-/opt/test-runner}"
slug="$1"
solution="${2%/}"
output="${3%/}"

if [ -z "$slug" ] || [ -z "$solution" ] || [ -z "$output" ]; then
	echo "usage: run.sh <exercise-slug> <solution-dir> <output-dir>" >&2
	exit 0
fi
mkdir -p "$output"

# error TEXT: results.json with status "error" and TEXT as its message.
error() {
	text="$(printf '%s' "$1" | LC_ALL=C tr -cd '\11\12\40-\176' |
		sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' | awk '{printf "%s\\n", $0}')"
	printf '{"version": 3, "status": "error", "message": "%s"}\n' "$text" >"$output/results.json"
}

# Exercism allows 20 s in all: 15 s for grading leaves time to spare, and
# each run of the lesson's tests gets 5 s. (Tests on a loaded machine
# raise both; Exercism's own runs keep the defaults.)
LIMIT="${CONVLINGS_TIME_LIMIT:-15}"
TEST_TIMEOUT="${CONVLINGS_TEST_TIMEOUT:-5s}"
work="$(mktemp -d "${TMPDIR:-/tmp}/convlings-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
status=0
# The submission: the learner's .go files as lessons/<slug>/, laid over
# the pristine lesson by the checker, and the other lessons solved
# (reference/), since a lesson may build on the ones before it.
mkdir -p "$work/sub/lessons/$slug"
for d in "$RUNNER"/reference/*/; do
	lesson="$(basename "$d")"
	[ "$lesson" = "$slug" ] || cp -R "$d" "$work/sub/lessons/$lesson"
done
for f in "$solution"/*.go; do
	[ -f "$f" ] && cp "$f" "$work/sub/lessons/$slug/"
done
timeout "$LIMIT" "$RUNNER/bin/checker" grade -kit "$RUNNER/kit" -lesson "$slug" -isolate=false \
	-timeout "$TEST_TIMEOUT" -j 1 -q -out "$work/grades" "$work/sub" >"$work/log" 2>&1 || status=$?
for f in "$work"/grades/*/results.json; do
	if [ -s "$f" ]; then
		cp "$f" "$output/results.json"
		exit 0
	fi
done
case "$status" in
124 | 143) what="Grading took longer than $LIMIT seconds and was stopped." ;;
2) what="The test runner could not grade the slug \"$slug\"." ;;
*) what="The test runner stopped (exit status $status) before it wrote results." ;;
esac
error "$what
$(tail -n 20 "$work/log")"
exit 0
