#!/usr/bin/env bash
# Runs Aduan's whole test suite and ends with one line counted from the TRX results:
#   N passed, N failed
# Everything the suite needs is installed and started here (today: only the .NET SDK and NuGet
# packages; later issues add PostgreSQL and Chromium, installed with apt-get when missing).
set -uo pipefail
cd "$(dirname "$0")"

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "==> Restoring and building (Release)"
if ! dotnet build Aduan.slnx -c Release -nologo -v quiet; then
    echo "Build failed; no tests ran."
    echo "0 passed, 1 failed"
    exit 1
fi

echo "==> Running tests"
dotnet test Aduan.slnx -c Release --no-build -nologo \
    --logger "trx;LogFilePrefix=aduan" --logger "console;verbosity=minimal" \
    --results-directory "$results"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "No test results were found in $results."
    status=1
fi

echo "${passed} passed, ${failed} failed"
exit "$status"
