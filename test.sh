#!/usr/bin/env bash
# Runs Aduan's whole test suite (every project under tests/), once on SQLite and once on
# PostgreSQL, and ends with one line counted from the TRX results:
#   N passed, N failed
# What the suite needs is installed and started here: Debian's Chromium for the browser tests
# (apt-get install when missing; $ADUAN_CHROMIUM names another one), Kannel for the SMS tests
# (apt-get install when missing; the tests start it themselves), and PostgreSQL (apt-get
# install when missing; a throwaway cluster on a free loopback port, stopped at the end) unless
# ADUAN_TEST_POSTGRES already names a server where tests may create databases; Debian's aiosmtpd for
# the e-mail tests (apt-get install when missing; the tests start it themselves).
set -uo pipefail
cd "$(dirname "$0")"

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    local port
    for port in $(seq 55432 55632); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    return 1
}

pg_dir=""
stop_postgres() {
    if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
        as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1
    fi
    [ -n "$pg_dir" ] && rm -rf "$pg_dir"
}

start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pg_bin" ]; then
        echo "==> Installing PostgreSQL with apt-get"
        # Only the server binaries: no system cluster is created or started on this machine.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/aduan-tests.conf
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    pg_dir=$(mktemp -d /tmp/aduan-pg.XXXXXX)
    trap stop_postgres EXIT
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
    local port
    port=$(free_port) || return 1
    echo "==> Starting a throwaway PostgreSQL ($pg_bin) on 127.0.0.1:$port"
    as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null || return 1
    # Durability settings off: the cluster is thrown away; the app's own crash safety is not what is tested here.
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$pg_dir/log"; return 1; }
    export ADUAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

install_chromium() {
    local chromium="${ADUAN_CHROMIUM:-/usr/bin/chromium}"
    [ -x "$chromium" ] && return 0
    echo "==> Installing Chromium with apt-get (for the browser tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && [ -x "$chromium" ]
}

# Kannel for the SMS tests (bearerbox, smsbox, and fakesmsc from kannel-extras); the tests start their
# own boxes on loopback ports, so the package's service is never started here (policy-rc.d may deny it anyway).
install_kannel() {
    [ -x /usr/sbin/bearerbox ] && [ -x /usr/sbin/smsbox ] && [ -x /usr/lib/kannel/test/fakesmsc ] && return 0
    echo "==> Installing Kannel with apt-get (for the SMS tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kannel kannel-extras >/dev/null \
        && [ -x /usr/lib/kannel/test/fakesmsc ]
}

# Debian's aiosmtpd: the real SMTP server of the e-mail tests (tests/Aduan.Tests/Support/SmtpServer.cs
# starts one per run on a free loopback port). Debian's python3, not whichever python3 comes first on PATH.
install_smtp() {
    local python="${ADUAN_TEST_PYTHON:-/usr/bin/python3}"
    "$python" -c "import aiosmtpd" 2>/dev/null && return 0
    echo "==> Installing python3-aiosmtpd with apt-get (for the e-mail tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null \
        && "$python" -c "import aiosmtpd"
}

# Runs each test project on its own, so that each leaves its own TRX file: run_tests LABEL [dotnet test options].
# (dotnet test on the solution would write both projects' results to one file, the last one winning.)
run_tests() {
    local label=$1 project rc=0
    shift
    for project in tests/*/*.csproj; do
        dotnet test "$project" -c Release --no-build -nologo "$@" \
            --logger "trx;LogFileName=$label-$(basename "$project" .csproj).trx" --logger "console;verbosity=minimal" \
            --results-directory "$results" || rc=1
    done
    return "$rc"
}

echo "==> Restoring and building (Release)"
if ! dotnet build Aduan.slnx -c Release -nologo -v quiet; then
    echo "Build failed; no tests ran."
    echo "0 passed, 1 failed"
    exit 1
fi

status=0
missing=0
# Playwright drives this machine's Chromium and must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Without Chromium the browser tests still run, and fail: a missing browser is never a silent skip.
install_chromium || echo "Could not install Chromium: the browser tests will fail."
# Without Kannel the SMS end-to-end tests still run, and fail: never a silent skip.
install_kannel || echo "Could not install Kannel: the SMS end-to-end tests will fail."
# Without aiosmtpd the e-mail tests still run, and fail.
install_smtp || echo "Could not install python3-aiosmtpd: the e-mail tests will fail."

echo "==> Tests on SQLite"
(unset ADUAN_TEST_POSTGRES; run_tests sqlite) || status=1

if [ -z "${ADUAN_TEST_POSTGRES:-}" ]; then
    start_postgres || { echo "Could not start PostgreSQL: the PostgreSQL run is counted as one failure."; status=1; missing=1; }
fi
if [ -n "${ADUAN_TEST_POSTGRES:-}" ]; then
    # Tests that touch no database (trait Category=NoDatabase) ran above. The browser tests run again, on PostgreSQL.
    echo "==> Tests on PostgreSQL"
    run_tests postgres --filter "Category!=NoDatabase" || status=1
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
    a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done
failed=$((failed + missing))

# A run that failed without a failing test (a crashed test host, say) must not read as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "No test results were found in $results."
    status=1
fi

echo "${passed} passed, ${failed} failed"
exit "$status"
