#!/usr/bin/env python3
"""Prints criterion's median estimates as a table: `scripts/criterion-table.py [BASELINE]`.

Reads target/criterion/**/<BASELINE or new>/estimates.json (no plotting needed).
"""
import json, pathlib, sys

baseline = sys.argv[1] if len(sys.argv) > 1 else "new"
root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
rows = []
for est in sorted(root.glob(f"**/{baseline}/estimates.json")):
    bench = json.loads((est.parent / "benchmark.json").read_text())
    median = json.loads(est.read_text())["median"]["point_estimate"] / 1e6  # ns -> ms
    rows.append((bench["full_id"], median))
for name, ms in rows:
    print(f"{name:45} {ms:10.3f} ms")
