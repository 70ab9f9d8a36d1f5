# Two live nodes for the tools' checks: `hotline demo --keep` (Moscow and Washington on
# loopback, the 2017 record played), started, waited for, read and stopped. Sourced by
# tools/api-fuzz/run.sh and tools/console-e2e/run.sh. Uses HOTLINE_BIN; sets demo_pid and
# demo_root.

demo_pid=""
demo_root=""

# Each node prints "  NAME (SIDE): API http://127.0.0.1:PORT, data directory PATH".
demo_node_line() { echo "^ +.+ \\(${1:-[a-z0-9-]+}\\): API http://127\\.0\\.0\\.1:[0-9]+, data directory /"; }

# demo_start OUT ERR TAG TIMEOUT: starts the demo with its output in OUT and ERR, and waits (at
# most TIMEOUT seconds) until both nodes are up. On failure says why, prefixed with TAG.
demo_start() {
    local out=$1 err=$2 tag=$3 timeout=$4
    # The files exist before the demo starts, so the wait never reads a missing one.
    : >"$out"
    : >"$err"
    "$HOTLINE_BIN" demo --keep >"$out" 2>"$err" </dev/null &
    demo_pid=$!
    local deadline=$((SECONDS + timeout)) line
    line=$(demo_node_line)
    while [ "$(grep -cE "$line" "$out" || true)" != 2 ]; do
        if ! kill -0 "$demo_pid" 2>/dev/null; then
            echo "$tag: hotline demo stopped before both nodes were up:" >&2
            tail -n 40 "$out" "$err" >&2
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "$tag: both nodes were not up within ${timeout} s:" >&2
            tail -n 40 "$out" "$err" >&2
            return 1
        fi
        sleep 0.5
    done
    demo_root=$(dirname -- "$(demo_node_dir ru "$out")")
}

# demo_node_url SIDE OUT and demo_node_dir SIDE OUT: a node's API address and data directory.
demo_node_url() { grep -E "$(demo_node_line "$1")" "$2" | head -n 1 | sed -E 's/.*: API (http:\/\/127\.0\.0\.1:[0-9]+), data directory .*/\1/'; }
demo_node_dir() { grep -E "$(demo_node_line "$1")" "$2" | head -n 1 | sed -E 's/.*, data directory (\/.*)$/\1/'; }

# Stops the demo (SIGTERM, then SIGKILL after 5 s) and removes its temporary folder.
demo_stop() {
    if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
        kill -TERM "$demo_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$demo_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$demo_pid" 2>/dev/null || true
    fi
    if [ -n "$demo_pid" ]; then wait "$demo_pid" 2>/dev/null || true; fi
    demo_pid=""
    case "$demo_root" in
        */hotline-two-sides-*) rm -rf -- "$demo_root" ;;
    esac
    demo_root=""
}
