#!/usr/bin/env bash
# The pre-commit hook's entry (.pre-commit-hooks.yaml): runs `plreview <args>` in the user's repository from
# pre-commit's checkout of this one. The first run installs and builds there (npm ci + npm run build, about half a
# minute); later runs start at once. A `language: node` hook would install with `npm pack`, whose script banners
# pre-commit mistakes for the package name, so the hook builds itself.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -f "$here/dist/cli.js" ]; then
  echo "plreview: first run, installing in $here" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2 && npm run build --silent >&2)
fi
exec node "$here/bin/plreview.js" "$@"
