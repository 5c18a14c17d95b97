package bundle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/template"

	"github.com/convlings/convlings/internal/kit"
)

// GradescopeOptions are what an instructor chooses for a Gradescope
// assignment.
type GradescopeOptions struct {
	GoVersion        string // the Go release setup.sh installs when the image has no Go 1.26 or newer: "1.26.1"
	Visibility       string // of the whole result: visible, after_due_date, after_published, hidden
	HiddenVisibility string // of the hidden cases' tests ("" as Visibility)
	Leaderboard      bool
	Lang             string // of the feedback: en or ko
}

// Gradescope returns autograder.zip: setup.sh and run_autograder at the
// root (Gradescope's specs.md), the kit's files under kit/.
func Gradescope(k *kit.Kit, files []string, o GradescopeOptions) ([]byte, error) {
	if o.Visibility == "" {
		o.Visibility = "visible"
	}
	if o.HiddenVisibility == "" {
		o.HiddenVisibility = o.Visibility
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	vars := map[string]any{
		"GoVersion": o.GoVersion, "Visibility": o.Visibility, "HiddenVisibility": o.HiddenVisibility,
		"Leaderboard": o.Leaderboard, "Lang": o.Lang,
		"MaxScore": strconv.FormatFloat(k.Manifest.MaxPoints(), 'f', -1, 64),
	}
	z := newZip()
	for _, s := range []struct {
		name string
		tmpl *template.Template
	}{{"setup.sh", setupSh}, {"run_autograder", runAutograder}} {
		var b bytes.Buffer
		if err := s.tmpl.Execute(&b, vars); err != nil {
			return nil, err
		}
		if err := z.add(s.name, b.Bytes(), 0o755); err != nil {
			return nil, err
		}
	}
	for _, n := range files {
		data, err := os.ReadFile(filepath.Join(k.Root, filepath.FromSlash(n)))
		if err != nil {
			return nil, fmt.Errorf("bundle: %w", err)
		}
		if err := z.add("kit/"+n, data, 0o644); err != nil {
			return nil, err
		}
	}
	return z.bytes()
}

// setupSh runs once, as root, when Gradescope builds the image.
var setupSh = template.Must(template.New("setup.sh").Delims("[[", "]]").Parse(`#!/usr/bin/env bash
# convlings autograder setup, made by "go run ./tools/checker bundle gradescope".
# Gradescope runs it once, as root, when it builds the autograder image,
# with this zip's contents in $AUTOGRADER_ROOT/source (default /autograder).
# It installs Go when the image has no Go 1.26 or newer, downloads the
# modules, builds the checker once and warms the build cache by grading
# the pristine kit, so that each submission compiles only its own files.
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
STATE="$SRC/.convlings"
GO_VERSION="${CONVLINGS_GO_VERSION:-[[.GoVersion]]}"
# Where Go releases are downloaded from: the official address unless set.
GO_DOWNLOAD="${CONVLINGS_GO_DOWNLOAD:-https://go.dev/dl}"
GO_PREFIX="${CONVLINGS_GO_PREFIX:-/usr/local}"
mkdir -p "$STATE"

# go_ok GO: GO runs and is Go 1.26 or newer.
go_ok() {
	[ -n "$1" ] && [ -x "$1" ] || return 1
	case "$("$1" env GOVERSION 2>/dev/null)" in
	go1.2[6-9]* | go1.[3-9][0-9]* | go[2-9]*) return 0 ;;
	esac
	return 1
}

GO=""
for g in "$(command -v go || true)" "$GO_PREFIX/go/bin/go"; do
	if go_ok "$g"; then
		GO="$g"
		break
	fi
done
if [ -z "$GO" ]; then
	case "$(uname -m)" in
	x86_64 | amd64) arch=amd64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) echo "setup.sh: no Go release for $(uname -m); install Go 1.26 in the image" >&2; exit 1 ;;
	esac
	url="$GO_DOWNLOAD/go$GO_VERSION.linux-$arch.tar.gz"
	echo "setup.sh: Go 1.26 is missing; installing go$GO_VERSION from $url"
	tmp="$(mktemp -d)"
	if command -v curl >/dev/null; then
		curl -fsSL "$url" -o "$tmp/go.tar.gz"
	else
		wget -q "$url" -O "$tmp/go.tar.gz"
	fi
	rm -rf "$GO_PREFIX/go"
	mkdir -p "$GO_PREFIX"
	tar -C "$GO_PREFIX" -xzf "$tmp/go.tar.gz"
	rm -rf "$tmp"
	GO="$GO_PREFIX/go/bin/go"
	if ! go_ok "$GO"; then
		echo "setup.sh: $url did not give a working Go 1.26 or newer" >&2
		exit 1
	fi
else
	echo "setup.sh: using $("$GO" env GOVERSION) at $GO"
fi

# The caches live beside the source, which survives the image's clean-up
# of /tmp; run_autograder reads the same settings from $STATE/env.
export GOCACHE="${GOCACHE:-$STATE/go-build}"
export GOMODCACHE="${GOMODCACHE:-$STATE/mod}"
export GOROOT="$("$GO" env GOROOT)"
export PATH="$GOROOT/bin:$PATH"
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
cat >"$STATE/env" <<EOF
export GOCACHE='$GOCACHE'
export GOMODCACHE='$GOMODCACHE'
export GOROOT='$GOROOT'
export PATH='$GOROOT/bin':"\$PATH"
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
EOF

cd "$SRC/kit"
"$GO" mod download
"$GO" build -trimpath -o "$STATE/checker" ./tools/checker
# Grading the pristine kit compiles every lesson once: later builds
# compile only a submission's own files.
"$STATE/checker" grade -kit "$SRC/kit" -out "$STATE/warm" -q "$SRC/kit" >/dev/null
rm -rf "$STATE/warm"
echo "setup.sh: ready"
`))

// runAutograder runs, as root, for each submission.
var runAutograder = template.Must(template.New("run_autograder").Delims("[[", "]]").Parse(`#!/usr/bin/env bash
# convlings autograder, made by "go run ./tools/checker bundle gradescope".
# Gradescope runs it as root for each submission, with the submission in
# $AUTOGRADER_ROOT/submission (default /autograder). It grades it with the
# checker setup.sh built and always leaves a valid
# $AUTOGRADER_ROOT/results/results.json, even when the checker dies.
# The submission may be a repository, a zip of the kit or of lessons/,
# or lesson files dropped loose (the checker places them and says where).
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
STATE="$SRC/.convlings"
RESULTS="$ROOT/results/results.json"
LIMIT="${CONVLINGS_TIME_LIMIT:-540}"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"

# fallback TEXT: a valid results.json that says what happened, with no
# points, for when the checker wrote none.
fallback() {
	text="$(printf '%s' "$1" | LC_ALL=C tr -cd '\11\12\40-\176' |
		sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' | awk '{printf "%s\\n", $0}')"
	printf '{"score": 0, "output": "%s", "output_format": "text", "visibility": "visible", "stdout_visibility": "hidden", "extra_data": {"max_score": [[.MaxScore]], "checker_failed": true}, "tests": []}\n' "$text" >"$RESULTS.tmp"
	mv "$RESULTS.tmp" "$RESULTS"
}

if [ ! -x "$STATE/checker" ] || [ ! -f "$STATE/env" ]; then
	fallback "The autograder is not set up: setup.sh did not finish, so nothing was graded. Please tell your instructor."
	echo "run_autograder: $STATE/checker is missing: setup.sh did not finish"
	exit 0
fi
. "$STATE/env"
work="$(mktemp -d)"
status=0
timeout "$LIMIT" "$STATE/checker" grade -kit "$SRC/kit" -out "$work/grades" -q -lang [[.Lang]] \
	-visibility [[.Visibility]] -hidden-visibility [[.HiddenVisibility]][[if .Leaderboard]] -leaderboard[[end]] \
	"$ROOT/submission" >"$work/log" 2>&1 || status=$?
cat "$work/log"
out="$work/grades/submission/gradescope/results.json"
if [ -s "$out" ]; then
	cp "$out" "$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
	case "$status" in
	124) what="The checker ran longer than ${LIMIT}s and was stopped." ;;
	0) what="The checker finished but wrote no results." ;;
	*) what="The checker stopped with exit status $status before it wrote any results." ;;
	esac
	fallback "$what Nothing was graded; please tell your instructor. The checker's last words:
$(tail -n 20 "$work/log")"
fi
[ -s "$RESULTS" ] || fallback "The autograder could not copy the results."
rm -rf "$work"
exit 0
`))
