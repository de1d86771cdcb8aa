#!/usr/bin/env python3
"""Prints a Markdown table of a JMH JSON result: each Rapport figure beside its baseline, with ratios.

Usage: summarize.py results/<date>-<profile>.json
Names follow <operation>_<side> (side: rapport, baseline, jdbc, hibernate, sql), or only the side
(ImportBenchmark: rapport, copy, copyIntoRapportTables, rowByRow; TimerBenchmark: rapport, plainPerTimer, plainBatch); the scale
benchmarks (ListPageScaleBenchmark, ActivityTimelineScaleBenchmark) compare each size with the
smallest one.
"""
import json
import os
import re
import sys


def fmt(score, error):
    digits = 3 if score < 1 else 2 if score < 10 else 1 if score < 100 else 0
    if isinstance(error, str) or error != error:  # NaN (JMH writes "NaN" for single shots): no interval
        return f"{score:,.{digits}f}"
    return f"{score:,.{digits}f} ± {error:,.{digits}f}"


def ratio_text(ratio):
    # Ratios below 0.01 (BusinessTimeBenchmark) would print as 0.00x: show them as "N x faster";
    # below 0.2 (ImportBenchmark against row by row) say how many times faster beside the ratio.
    if ratio < 0.01:
        return f"{ratio:.2g}x ({1 / ratio:,.0f}x faster)"
    if ratio < 0.2:
        return f"{ratio:.2f}x ({1 / ratio:,.1f}x faster)"
    return f"{ratio:.2f}x"


def first_shots(results, path):
    """Single-shot benchmarks with a warm-up shot (ImportBenchmark): the warm-up shot is the JVM's
    first, which JMH's JSON leaves out; its time is read from the run's .txt beside the .json."""
    text_path = os.path.splitext(path)[0] + ".txt"
    wanted = [r for r in results if r.get("mode") == "ss" and r.get("warmupIterations", 0) >= 1]
    if not wanted or not os.path.exists(text_path):
        return
    text = open(text_path, encoding="utf-8", errors="replace").read()
    shots = {}
    for chunk in text.split("# Benchmark: ")[1:]:
        name = chunk.split("\n", 1)[0].strip()
        found = re.search(r"# Warmup Iteration\s+1:.*?([0-9][0-9.,]*) (\S+/op)", chunk, re.S)
        if found:
            shots[name] = (float(found.group(1).replace(",", "")), found.group(2))
    by_class = {}
    for r in wanted:
        if r["benchmark"] in shots:
            cls, method = r["benchmark"].rsplit(".", 2)[-2:]
            by_class.setdefault(cls, {})[method] = shots[r["benchmark"]]
    if not by_class:
        return
    print()
    # The warm-up shot of each side is its first in the fork: for rapport and the plain imports the
    # JVM's first import; for copyIntoRapportTables the first copy-back, after the fork's own import.
    print("| benchmark | side | warm-up shot (each side's first in its fork) | Rapport / side |")
    print("|---|---|---|---|")
    for cls, sides in sorted(by_class.items()):
        rapport = sides.get("rapport")
        for side, (score, unit) in sorted(sides.items()):
            shown = ratio_text(rapport[0] / score) if rapport and side != "rapport" else ""
            print(f"| {cls} | {side} | {fmt(score, 'NaN')} {unit} | {shown} |")


def main(path):
    results = json.load(open(path))
    rows = {}
    scale = {}
    for r in results:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        params = r.get("params", {})
        m = r["primaryMetric"]
        entry = (m["score"], m["scoreError"], m["scoreUnit"])
        if cls == "ListPageScaleBenchmark":
            scale.setdefault(method, {})[int(params["size"])] = entry
        else:
            if cls == "ActivityTimelineScaleBenchmark":
                size = params.get("pgInteractions", params.get("memInteractions"))
                scale.setdefault(f"{cls}.{method}", {})[int(size)] = entry
            # ImportBenchmark and TimerBenchmark name their methods by side only.
            whole = "fire" if cls == "TimerBenchmark" else "import"
            op, side = method.rsplit("_", 1) if "_" in method else (whole, method)
            extra = ",".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("seed",))
            rows.setdefault((cls, op, extra), {})[side] = entry
    print("| benchmark | operation | Rapport | baseline | Rapport / baseline |")
    print("|---|---|---|---|---|")
    for (cls, op, extra), sides in sorted(rows.items()):
        rapport = sides.get("rapport")
        for side in ("baseline", "jdbc", "hibernate", "sql", "copy", "copyIntoRapportTables", "rowByRow", "plainPerTimer", "plainBatch"):
            if side in sides and rapport:
                base = sides[side]
                ratio = rapport[0] / base[0]
                label = f"{op}" + (f" ({extra})" if extra else "")
                shown = ratio_text(ratio)
                print(f"| {cls} | {label} | {fmt(rapport[0], rapport[1])} {rapport[2]} "
                      f"| {side}: {fmt(base[0], base[1])} {base[2]} | {shown} |")
    if scale:
        print()
        print("| scale benchmark | size | page | vs smallest size |")
        print("|---|---|---|---|")
        for method, sizes in sorted(scale.items()):
            smallest = min(sizes)
            for size, (score, error, unit) in sorted(sizes.items()):
                print(f"| {method} | {size:,} | {fmt(score, error)} {unit} "
                      f"| {score / sizes[smallest][0]:.2f}x |")


    first_shots(results, path)


if __name__ == "__main__":
    main(sys.argv[1])
