#!/usr/bin/env bash
# The GitHub Action's run step (action.yml), kept in a file so it is tested like code (test/unit/ci/action.test.ts).
# Inputs come as INPUT_* variables; outputs go to $GITHUB_OUTPUT. The CLI runs from the action's checkout
# ($GITHUB_ACTION_PATH/bin/plreview.js), or from $PLREVIEW_CLI (a JavaScript file) when set, as in the tests.
set -uo pipefail

plreview() {
  node "${PLREVIEW_CLI:-$GITHUB_ACTION_PATH/bin/plreview.js}" "$@"
}

read -r -a paths <<<"${INPUT_PATHS:-.}"
config=()
[ -n "${INPUT_CONFIG:-}" ] && config=(--config "$INPUT_CONFIG")
sarif="${INPUT_SARIF_FILE:-plreview.sarif}"

# SARIF for code scanning, then the same findings as text for the log.
plreview lint "${paths[@]}" "${config[@]}" --format sarif >"$sarif"
worst=$?
if [ "$worst" -le 1 ]; then plreview lint "${paths[@]}" "${config[@]}" --format text; fi

if [ -n "${INPUT_ESTATE:-}" ]; then
  partial=()
  [ "${INPUT_ALLOW_PARTIAL:-false}" = "true" ] && partial=(--allow-partial)
  plreview audit --estate "$INPUT_ESTATE" "${partial[@]}" "${config[@]}" --format sarif >"${INPUT_AUDIT_SARIF_FILE:-plreview-audit.sarif}"
  audit=$?
  if [ "$audit" -le 1 ]; then plreview audit --estate "$INPUT_ESTATE" "${partial[@]}" "${config[@]}" --format text; fi
  [ "$audit" -gt "$worst" ] && worst=$audit
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$worst" >>"$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
fi
if [ "$worst" -eq 1 ] && [ "${INPUT_FAIL_ON_FINDINGS:-true}" = "false" ]; then
  echo "plreview: findings reported (exit 1); fail-on-findings is false, so the step passes"
  exit 0
fi
exit "$worst"
