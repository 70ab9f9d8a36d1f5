#!/usr/bin/env python3
"""Reads the text output of `swift package benchmark` and prints each composed operation's
median (p50) wall-clock time beside the sum of the primitives it is built on, measured in the
same run, with their ratio. Usage:

    swift package benchmark 2>&1 | tee /tmp/bench.txt
    python3 Benchmarks/ratios.py /tmp/bench.txt
"""
import re
import sys

UNITS = {"ns": 1e-3, "μs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}

# composed benchmark -> [(primitive benchmark, how many times it is used)]
COMPOSITIONS = {
    "store: inclusion proof generation, n = 100,000":
        [("primitive: SQLite read of the rows an inclusion proof needs, n = 100,000", 1)],
    "store: consistency proof generation, n = 100,000":
        [("primitive: SQLite read of the rows a consistency proof needs, n = 100,000", 1)],
    "core: inclusion proof verification, n = 100,000":
        [("primitive: 17 SHA-256 node hashes (an inclusion proof's work at n = 100,000)", 1)],
    "core: consistency proof verification, 65,537 → 100,000":
        [("primitive: 18 SHA-256 node hashes (a consistency proof's work, 65,537 → 100,000)", 1)],
    "entry: seal for 2 sides + sign (1 KiB plaintext)":
        [("primitive: HPKE X-Wing setup + seal (32 B)", 2), ("primitive: Ed25519 sign (300 B)", 1),
         ("primitive: AES-256-GCM seal (1 KiB)", 1)],
    "entry: open + verify (1 KiB plaintext)":
        [("primitive: Ed25519 verify (300 B)", 1), ("primitive: HPKE X-Wing setup + open (32 B)", 1),
         ("primitive: AES-256-GCM open (1 KiB)", 1)],
}


# Benchmarks that time a composed operation and its primitive in the same iterations.
INTERLEAVED_METRICS = ("store append (ns)", "bare SQLite commit (ns)", "bare SHA-256 work (ns)")


def medians(text):
    """Benchmark name -> p50 wall clock in microseconds; for interleaved benchmarks,
    "name / metric" -> p50 of that custom metric in microseconds."""
    result, name = {}, None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("│", "╒", "╞", "├", "╘", "=")) and "│" not in stripped:
            name = stripped
        m = re.match(r"│\s*Time \(wall clock\) \((\S+)\)\s*\*?\s*│(.*)", stripped)
        if m and name:
            cells = [c.strip() for c in m.group(2).split("│")]
            result[name] = float(cells[2]) * UNITS[m.group(1)]   # p0, p25, p50, ...
        for metric in INTERLEAVED_METRICS:
            m = re.match(r"│\s*" + re.escape(metric) + r"( \((K|M)\))?\s*\*?\s*│(.*)", stripped)
            if m and name:
                scale = {"K": 1e3, "M": 1e6}.get(m.group(2), 1)
                cells = [c.strip() for c in m.group(3).split("│")]
                result[f"{name} / {metric}"] = float(cells[2]) * scale / 1e3
    return result


def main():
    text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
    p50 = medians(text)
    print("| composed operation | p50 | built on (same run) | sum of p50 | ratio |")
    print("|---|---:|---|---:|---:|")
    for key in sorted(k for k in p50 if k.endswith(" / " + INTERLEAVED_METRICS[0])):
        name = key[: -len(" / " + INTERLEAVED_METRICS[0])]
        composed = p50[key]
        commit = p50.get(f"{name} / {INTERLEAVED_METRICS[1]}")
        hashing = p50.get(f"{name} / {INTERLEAVED_METRICS[2]}")
        if commit and hashing is not None:
            label = name.removeprefix("interleaved: ").split(" vs ")
            floor = commit + hashing
            print(f"| {label[0]} | {composed:.1f} µs | {label[1]} ({commit:.1f} µs) + its SHA-256 work "
                  f"({hashing:.1f} µs), measured in the same iterations | {floor:.1f} µs | {composed / floor:.2f} |")
    for composed, parts in COMPOSITIONS.items():
        if composed not in p50 or any(p not in p50 for p, _ in parts):
            print(f"| {composed} | missing from this run | | | |")
            continue
        floor = sum(p50[p] * n for p, n in parts)
        built_on = " + ".join(f"{n} × {p.removeprefix('primitive: ')} ({p50[p]:.1f} µs)" if n > 1
                              else f"{p.removeprefix('primitive: ')} ({p50[p]:.1f} µs)" for p, n in parts)
        print(f"| {composed} | {p50[composed]:.1f} µs | {built_on} | {floor:.1f} µs | {p50[composed] / floor:.2f} |")


if __name__ == "__main__":
    main()
