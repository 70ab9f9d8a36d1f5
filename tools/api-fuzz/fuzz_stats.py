"""What the fuzz run saw: requests per operation, statuses, server errors and crashes."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import requests


def _shorten(data: bytes | str | None, limit: int = 600) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    text = repr(data[:limit])
    return text + (f" ... ({len(data)} bytes)" if len(data) > limit else "")


def describe_request(request: requests.PreparedRequest | None) -> dict:
    if request is None:
        return {}
    return {
        "method": request.method,
        "url": request.url,
        "contentType": request.headers.get("Content-Type"),
        "body": _shorten(request.body),
    }


@dataclass
class FuzzStats:
    requests_by_operation: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    statuses_by_operation: dict = field(default_factory=lambda: defaultdict(Counter))
    statuses_by_signer: dict = field(default_factory=lambda: defaultdict(Counter))
    server_errors: list = field(default_factory=list)
    crashes: list = field(default_factory=list)
    no_answers: list = field(default_factory=list)
    conformance: list = field(default_factory=list)
    completed: list = field(default_factory=list)

    def record(self, operation: str, response: requests.Response, signer: str) -> None:
        self.requests_by_operation[operation] += 1
        self.statuses[response.status_code] += 1
        self.statuses_by_operation[operation][response.status_code] += 1
        self.statuses_by_signer[signer][f"{response.status_code // 100}xx"] += 1
        if response.status_code >= 500 and len(self.server_errors) < 50:
            self.server_errors.append({
                "operation": operation,
                "signer": signer,
                "request": describe_request(response.request),
                "status": response.status_code,
                "response": _shorten(response.content),
            })

    def record_crash(self, operation: str, request: requests.PreparedRequest | None, error: BaseException, signer: str) -> None:
        self.requests_by_operation[operation] += 1
        self.crashes.append({"operation": operation, "signer": signer, "request": describe_request(request),
                             "error": f"{type(error).__name__}: {error}"})

    def record_no_answer(self, operation: str, request: requests.PreparedRequest | None, error: BaseException, signer: str) -> None:
        self.requests_by_operation[operation] += 1
        self.no_answers.append({"operation": operation, "signer": signer, "request": describe_request(request),
                                "error": f"{type(error).__name__}: {error}"})

    def record_conformance(self, operation: str, message: str) -> None:
        if len(self.conformance) < 50 and not any(item["message"] == message for item in self.conformance):
            self.conformance.append({"operation": operation, "message": message})

    @property
    def total(self) -> int:
        return sum(self.requests_by_operation.values())

    def by_class(self) -> dict[str, int]:
        classes: Counter = Counter()
        for status, count in self.statuses.items():
            classes[f"{status // 100}xx"] += count
        return dict(sorted(classes.items()))

    def summary(self) -> dict:
        return {
            "operations": len(self.requests_by_operation),
            "requests": self.total,
            "statusClasses": self.by_class(),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "bySigner": {signer: dict(sorted(counts.items())) for signer, counts in sorted(self.statuses_by_signer.items())},
            "byOperation": {
                op: {str(k): v for k, v in sorted(self.statuses_by_operation[op].items())}
                for op in sorted(self.requests_by_operation)
            },
            "serverErrors": self.server_errors,
            "crashes": self.crashes,
            "noAnswers": self.no_answers,
            "schemaMismatches": self.conformance,
            "completed": self.completed,
        }

    def write(self, path: str | None) -> None:
        if path:
            with open(path, "w") as file:
                json.dump(self.summary(), file, indent=2)


STATS = FuzzStats()
SUMMARY_FILE = os.environ.get("HOTLINE_FUZZ_SUMMARY")
