"""Stops the run when the node crashes and prints what the fuzz run saw."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_stats import STATS, SUMMARY_FILE  # noqa: E402


def pytest_runtest_makereport(item, call):
    if call.when != "call":
        return
    if STATS.crashes:
        item.session.shouldstop = "the node under test crashed; later requests would only fail the same way"
        return
    # Schemathesis names each test after its operation: test_no_server_error[GET /api/v1/me].
    name, _, operation = item.name.partition("[")
    skipped = call.excinfo is not None and call.excinfo.typename == "Skipped"
    if name == "test_no_server_error" and operation.endswith("]") and not skipped:
        STATS.completed.append(operation[:-1])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    summary = STATS.summary()
    STATS.write(SUMMARY_FILE)
    write = terminalreporter.write_line
    terminalreporter.section("hotline api fuzz")
    write(f"operations fuzzed: {summary['operations']}, requests: {summary['requests']}")
    write("status classes: " + (", ".join(f"{k} {v}" for k, v in summary["statusClasses"].items()) or "none"))
    write("statuses: " + (", ".join(f"{k}: {v}" for k, v in summary["statuses"].items()) or "none"))
    for signer, classes in summary["bySigner"].items():
        write(f"signed by the {signer}: " + ", ".join(f"{k} {v}" for k, v in classes.items()))
    for operation, statuses in summary["byOperation"].items():
        write(f"  {operation:45} " + ", ".join(f"{k}: {v}" for k, v in statuses.items()))
    for item in summary["crashes"]:
        write("NODE STOPPED ANSWERING after: " + json.dumps(item, ensure_ascii=True))
    for item in summary["noAnswers"]:
        write("NO ANSWER from a live node: " + json.dumps(item, ensure_ascii=True))
    for item in summary["serverErrors"]:
        write("SERVER ERROR: " + json.dumps(item, ensure_ascii=True))
    if summary["schemaMismatches"]:
        write(f"answers that do not match docs/openapi.json ({len(summary['schemaMismatches'])}, not fatal unless HOTLINE_FUZZ_STRICT=1):")
        for item in summary["schemaMismatches"]:
            write(f"  {item['operation']}: {item['message']}")
