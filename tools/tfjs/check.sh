#!/usr/bin/env bash
# The tfjs cross-check in one command, for CI and by hand:
#
#	bash tools/tfjs/check.sh [-v]
#
# It installs the pinned npm packages (npm ci) when they are missing or older
# than package-lock.json, then runs check.mjs, which runs `go run ./tools/eval`
# and compares it case by case with TensorFlow.js 4.22 on the CPU backend.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
	npm ci --prefix "$here" --no-audit --no-fund >&2
fi
exec node "$here/check.mjs" "$@"
