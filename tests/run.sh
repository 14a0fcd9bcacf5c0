#!/usr/bin/env bash
# Runs the whole test suite: unit, integration and browser tests (Debian's Chromium), the integration
# and browser tests twice: on SQLite, then on PostgreSQL (a private server on loopback, started here).
# Installs the system packages the tests need when they are missing, then prints a closing line
# "N passed, N failed, N skipped" from the test results of both passes.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
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

# The second pass: the integration and browser tests against PostgreSQL.
pg=$(mktemp -d /tmp/nmosdlearn-pg.XXXXXX)
trap 'bash tests/postgres.sh stop "$pg"' EXIT
if server=$(bash tests/postgres.sh start "$pg"); then
  echo "PostgreSQL pass on $server"
  NMOSDLEARN_TEST_POSTGRES="$server" dotnet test --project tests/NmosdLearn.Web.Tests --no-build "$@" 2>&1 | tee -a "$log"
  pg_code=${PIPESTATUS[0]}
else
  echo "PostgreSQL could not be started; see $pg"
  pg_code=1
fi
[ "$code" -ne 0 ] || code=$pg_code

# Each run prints a summary per pass; add them up.
sum() { grep -E "^\s+$1: [0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum succeeded)
failed=$(sum failed)
skipped=$(sum skipped)
if ! grep -qE "^\s+succeeded: [0-9]+" "$log"; then
  # No summary means the build or the runner failed before any test ran.
  echo "0 passed, 1 failed"
  exit $(( code == 0 ? 1 : code ))
fi
if [ "$failed" -gt 0 ] || [ "$code" -ne 0 ]; then
  echo "Failed tests:"
  grep -E "^failed " "$log" | sed 's/^/  /'
fi
[ "$code" -ne 0 ] || [ "$failed" -eq 0 ] || code=1
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$code"
