#!/usr/bin/env bash
# The web console end to end, in two real browsers: starts two live nodes on loopback
# (`hotline demo --keep`, Moscow and Washington), opens headless Chromium on each node's
# /console, and has the test (test_console.py) enroll an official on each side through the
# operators' CLI, charter a line between them, send a proposal from Moscow and reply from
# Washington, each through drafts signed in the browser. Always stops the browsers and nodes.
#
# Builds nothing. Environment: HOTLINE_BIN (default .build/debug/hotline),
# HOTLINE_E2E_START_TIMEOUT (seconds to wait for the nodes, default 120), CHROMIUM_BIN
# (default /usr/bin/chromium), CHROMEDRIVER_BIN (default /usr/bin/chromedriver).
# Screenshots go to tools/console-e2e/screenshots/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tools/console-e2e
HOTLINE_BIN=${HOTLINE_BIN:-.build/debug/hotline}
START_TIMEOUT=${HOTLINE_E2E_START_TIMEOUT:-120}
started=$SECONDS

if [ ! -x "$HOTLINE_BIN" ]; then
    echo "console-e2e: no hotline binary at $HOTLINE_BIN (build it with: swift build --product hotline)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hotline-console-e2e.XXXXXX")
. tools/lib/demo-nodes.sh
cleanup() {
    demo_stop
    rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

demo_start "$work/demo.out" "$work/demo.err" console-e2e "$START_TIMEOUT" || exit 1
ru_url=$(demo_node_url ru "$work/demo.out"); us_url=$(demo_node_url us "$work/demo.out")
ru_dir=$(demo_node_dir ru "$work/demo.out"); us_dir=$(demo_node_dir us "$work/demo.out")
echo "console-e2e: nodes up after $((SECONDS - started)) s: ru $ru_url, us $us_url"

status=0
HOTLINE_BIN="$HOTLINE_BIN" HOTLINE_RU_URL="$ru_url" HOTLINE_US_URL="$us_url" \
    HOTLINE_RU_DATA="$ru_dir" HOTLINE_US_DATA="$us_dir" HOTLINE_E2E_SCREENSHOTS="$HERE/screenshots" \
    PYTHONDONTWRITEBYTECODE=1 timeout -k 10 300 python3 "$HERE/test_console.py" 2>&1 | tee "$work/e2e.out" || status=$?
if [ "$status" -ne 0 ]; then
    echo "console-e2e: the demo's last words:" >&2
    tail -n 15 "$work/demo.err" >&2 || true
fi
echo "console-e2e: finished in $((SECONDS - started)) s (exit $status)"
# The tally last, alone on its line ("N passed, N failed"), for whoever reads the closing lines.
summary=$(grep -E '^console-e2e: [0-9]+ passed, [0-9]+ failed$' "$work/e2e.out" | tail -n 1 || true)
echo "${summary:-console-e2e: 0 passed, 1 failed}"
exit "$status"
