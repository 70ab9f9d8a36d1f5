#!/usr/bin/env bash
# Proves that no request to a node's client API gets a 5xx (or stops the node):
#   1. validates docs/openapi.json (OpenAPI 3.1, openapi-spec-validator);
#   2. starts two live nodes on loopback with `hotline demo --keep` (Moscow and Washington, with
#      the 2017 record played), and always stops them at the end;
#   3. fuzzes Moscow's client API from docs/openapi.json with schemathesis, every request signed
#      (RFC 9421) with Moscow's operator key from its data directory, or with the key of an
#      official to whom the operator first hands ru/mfa/minister (so that line reads answer 200).
# Exits non-zero on any 5xx, on a node that stops answering, or if signing does not work.
#
# Environment: HOTLINE_BIN (default .build/debug/hotline), HOTLINE_FUZZ_START_TIMEOUT (seconds
# to wait for the nodes, default 120), and the HOTLINE_FUZZ_* settings of test_api_fuzz.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tools/api-fuzz
HOTLINE_BIN=${HOTLINE_BIN:-.build/debug/hotline}
START_TIMEOUT=${HOTLINE_FUZZ_START_TIMEOUT:-120}
started=$SECONDS

python3 "$HERE/validate_openapi.py" docs/openapi.json

if [ ! -x "$HOTLINE_BIN" ]; then
    echo "api-fuzz: no hotline binary at $HOTLINE_BIN (build it with: swift build --product hotline)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hotline-api-fuzz.XXXXXX")
. tools/lib/demo-nodes.sh
stop_nodes() { demo_stop; }
cleanup() {
    stop_nodes
    rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts `hotline demo --keep` and sets api_url and data_dir (Moscow's) and demo_root.
start_nodes() {
    local round=$1
    demo_start "$work/demo-$round.out" "$work/demo-$round.err" api-fuzz "$START_TIMEOUT" || return 1
    api_url=$(demo_node_url ru "$work/demo-$round.out")
    data_dir=$(demo_node_dir ru "$work/demo-$round.out")
    if [ ! -f "$data_dir/secrets.json" ]; then
        echo "api-fuzz: no secrets.json in $data_dir" >&2
        return 1
    fi
    # An official too, so that the line-scoped routes answer with real entries, proposals and
    # meetings: Moscow's operator hands ru/mfa/minister (lines ru-us/mfa and ru-us/2plus2) over
    # to a fresh key, through the node's API like any operator would.
    rm -f -- "$work/official.seed"
    local official_key
    official_key=$(python3 "$HERE/hotline_signing.py" new-key "$work/official.seed")
    if ! "$HOTLINE_BIN" handover ru/mfa/minister --holder "API Fuzz Official" --public-key "$official_key" \
            --data "$data_dir" --json >"$work/handover.json" 2>&1 </dev/null; then
        echo "api-fuzz: could not hand ru/mfa/minister over to the fuzzing official:" >&2
        cat "$work/handover.json" >&2
        return 1
    fi
}

# A request that stops the node ends a round: the nodes are started again and the next round
# fuzzes the operations not yet done, so that one crash does not hide the others. The run fails
# if any round found a 5xx or a crash.
budget=${HOTLINE_FUZZ_SECONDS:-300}
fuzz_started=$SECONDS
status=0
crashed=""
done_operations=""
for round in 1 2 3 4 5; do
    start_nodes "$round" || exit 1
    echo "api-fuzz: round $round: nodes up; fuzzing Moscow (ru) at $api_url as its operator and as ru/mfa/minister"
    remaining=$((budget - (SECONDS - fuzz_started)))
    [ "$remaining" -gt 10 ] || remaining=10
    round_status=0
    HOTLINE_API_URL="$api_url" HOTLINE_DATA_DIR="$data_dir" HOTLINE_OFFICIAL_SEED="$work/official.seed" \
        HOTLINE_FUZZ_SUMMARY="$work/summary-$round.json" HOTLINE_FUZZ_SECONDS="$remaining" \
        HOTLINE_FUZZ_CRASHED="$crashed" HOTLINE_FUZZ_DONE="$done_operations" \
        HYPOTHESIS_STORAGE_DIRECTORY="$work/hypothesis" PYTHONDONTWRITEBYTECODE=1 \
        timeout -k 10 $((remaining + 300)) python3 -m pytest "$HERE/test_api_fuzz.py" --rootdir "$HERE" -c /dev/null \
            -p no:cacheprovider -q -rfEs --tb=line || round_status=$?
    [ "$round_status" -eq 0 ] || status=$round_status
    operation=$(python3 -c 'import json, sys; print("\n".join(c["operation"] for c in json.load(open(sys.argv[1]))["crashes"]))' \
        "$work/summary-$round.json" 2>/dev/null || true)
    if [ -z "$operation" ]; then
        if ! kill -0 "$demo_pid" 2>/dev/null; then
            echo "api-fuzz: round $round: the demo process is gone; its last words:" >&2
            head -n 30 "$work/demo-$round.err" >&2
            [ "$status" -ne 0 ] || status=1
        fi
        stop_nodes
        break
    fi
    # The node stopped answering. Its process may still be writing its backtrace: give it time.
    for _ in $(seq 1 300); do
        kill -0 "$demo_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "api-fuzz: round $round: the node crashed:" >&2
    grep -m 1 -E "Fatal error|fatal error|Program crashed" "$work/demo-$round.err" >&2 || head -n 5 "$work/demo-$round.err" >&2
    grep -E " at /.*/Sources/" "$work/demo-$round.err" | head -n 4 >&2 || true
    [ "$status" -ne 0 ] || status=1
    stop_nodes
    if [ "$round" -eq 5 ] || [ $((SECONDS - fuzz_started)) -ge "$budget" ]; then
        break
    fi
    crashed=$(printf '%s\n%s' "$crashed" "$operation")
    # The operations this round finished are not fuzzed again.
    done_operations=$(printf '%s\n%s' "$done_operations" "$(python3 -c '
import json, sys
summary = json.load(open(sys.argv[1]))
print("\n".join(sorted(set(summary["completed"]))))' "$work/summary-$round.json" 2>/dev/null || true)")
done

python3 - "$work" <<'PY'
import glob, json, sys
crashes, no_answers, errors, mismatches, requests, classes, operations = [], [], [], [], 0, {}, {}
rounds = sorted(glob.glob(f"{sys.argv[1]}/summary-*.json"))
for path in rounds:
    summary = json.load(open(path))
    crashes += summary["crashes"]
    no_answers += summary["noAnswers"]
    errors += summary["serverErrors"]
    mismatches += summary["schemaMismatches"]
    requests += summary["requests"]
    for key, value in summary["statusClasses"].items():
        classes[key] = classes.get(key, 0) + value
    for operation, statuses in summary["byOperation"].items():
        counts = operations.setdefault(operation, {})
        for status, count in statuses.items():
            counts[status] = counts.get(status, 0) + count
print(f"api-fuzz: {len(rounds)} round(s), {len(operations)} operations, {requests} requests: "
      + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())))
for operation, counts in sorted(operations.items()):
    print(f"api-fuzz:   {operation:45} " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
for crash in crashes:
    request = crash["request"]
    print(f"api-fuzz: CRASH (the node stopped answering) {request.get('method')} {request.get('url')} "
          f"(signed by the {crash.get('signer')}, content-type {request.get('contentType')}, body {request.get('body')})")
for item in no_answers:
    request = item["request"]
    print(f"api-fuzz: NO ANSWER from a live node: {request.get('method')} {request.get('url')} ({item['error']})")
for error in errors:
    request = error["request"]
    print(f"api-fuzz: 5xx {error['status']} {request.get('method')} {request.get('url')} (body {request.get('body')}): {error['response']}")
if mismatches:
    print(f"api-fuzz: {len(mismatches)} answer(s) do not match docs/openapi.json (see above)")
PY
echo "api-fuzz: finished in $((SECONDS - started)) s (exit $status)"
exit "$status"
