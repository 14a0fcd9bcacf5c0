#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real SQLite) and browser tests (Debian's Chromium).
# Installs the system packages the tests need when they are missing, then prints a closing line
# "N passed, N failed, N skipped" from the test results.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The credential tests verify with jose and ajv from npm, as an outside verifier would.
if [ ! -d tests/credential-check/node_modules/jose ]; then
  (cd tests/credential-check && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed in tests/credential-check"
fi

log=$(mktemp)
dotnet test --solution NmosdLearn.sln "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}

last() { grep -E "^\s+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+'; }
passed=$(last succeeded)
failed=$(last failed)
skipped=$(last skipped)
if [ -z "$passed" ]; then
  # No summary means the build or the runner failed before any test ran.
  echo "0 passed, 1 failed"
  exit $(( code == 0 ? 1 : code ))
fi
echo "${passed} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$code"
