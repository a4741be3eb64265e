#!/usr/bin/env python3
"""Throughput and memory of lede against `wc -w`, measured in the same run.

Builds a 10 MB and a 100 MB corpus from the BBC News Summary articles (repeated until the
size is reached), as plain text (for wc -w) and as NDJSON (for lede), then prints, for each
corpus, the median of N runs of:

  wc -w            on the plain text, in the environment's locale (the baseline)
  wc -w, LC_ALL=C  the same in the C locale, whose single-byte path is slower here
  tokenizer        lede -i ndjson -p tokenizer                 (no output)
  full chain       lede -c configs/batch-ndjson.cfg            (tokenizer, quotes,
                                                                summarizer, NDJSON exporter)
  full chain -j 2  the same with 2 worker threads

with MB/s, the ratio to wc -w, and the peak RSS of each run (GNU time, %M). Then the
per-stage time of the full chain (`--stats`, medians) and, for the quotes issue, the quote
stage's time as a share of the tokenizer's in `tokenizer ! quotes` (target <= 0.2).

Usage: bench/throughput.py [--lede build-release/bin/lede] [--runs 3] [--sizes 10,100]
The machine is noisy: compare ratios measured in one run, and quote medians.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "bbc-news-summary", "News Articles")


def articles():
    if not os.path.isdir(DATA):
        sys.exit(f"throughput: skipped: the BBC News Summary set is absent ({DATA})")
    out = []
    for cat in sorted(os.listdir(DATA)):
        for name in sorted(os.listdir(os.path.join(DATA, cat))):
            with open(os.path.join(DATA, cat, name), encoding="utf-8") as f:
                out.append((f"{cat}/{name}", f.read()))
    return out


def build_corpus(size_mb, arts, tmp):
    txt = os.path.join(tmp, f"bbc-{size_mb}mb.txt")
    nd = os.path.join(tmp, f"bbc-{size_mb}mb.ndjson")
    if os.path.exists(txt) and os.path.exists(nd):
        return txt, nd
    target = size_mb * 1000 * 1000
    written = 0
    rep = 0
    with open(txt, "w", encoding="utf-8") as ft, open(nd, "w", encoding="utf-8") as fn:
        while written < target:
            for aid, text in arts:
                ft.write(text + "\n")
                fn.write(json.dumps({"id": f"{rep}/{aid}", "text": text}, ensure_ascii=False) + "\n")
                written += len(text.encode()) + 1
                if written >= target:
                    break
            rep += 1
    return txt, nd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", default=os.path.join(ROOT, "build-release", "bin", "lede"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="10,100")
    ap.add_argument("--tmp", default="/tmp/lede-bench")
    args = ap.parse_args()
    if not os.access(args.lede, os.X_OK):
        sys.exit(f"throughput: build lede first (cmake -S . -B build-release "
                 f"-DCMAKE_BUILD_TYPE=Release && cmake --build build-release): {args.lede}")
    os.makedirs(args.tmp, exist_ok=True)
    arts = articles()
    cfg = os.path.join(ROOT, "configs", "batch-ndjson.cfg")
    print(f"machine: {os.cpu_count()} cores; lede: {args.lede}; median of {args.runs} runs")
    for size in [int(s) for s in args.sizes.split(",")]:
        txt, nd = build_corpus(size, arts, args.tmp)
        mb = os.path.getsize(txt) / 1e6
        rows = [
            ("wc -w", ["wc", "-w"], txt),
            ("wc -w, LC_ALL=C", ["env", "LC_ALL=C", "wc", "-w"], txt),
            ("tokenizer", [args.lede, "run", "-i", "ndjson", "-p", "tokenizer"], nd),
            ("full chain", [args.lede, "run", "-c", cfg], nd),
            ("full chain -j 2", [args.lede, "run", "-c", cfg, "-j", "2"], nd),
        ]
        print(f"\ncorpus {size} MB ({mb:.1f} MB of article text, "
              f"{os.path.getsize(nd) / 1e6:.1f} MB as NDJSON)")
        print(f"{'run':<18}{'median s':>10}{'MB/s':>9}{'x wc -w':>9}{'peak RSS':>11}")
        base = None
        rates = {}
        for name, cmd, inp in rows:
            # GNU time reports the peak RSS of exactly the program it runs.
            times, rss = [], 0
            for _ in range(args.runs):
                with open(inp, "rb") as fin, open(os.devnull, "wb") as fout:
                    t0 = time.perf_counter()
                    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=fin,
                                       stdout=fout, stderr=subprocess.PIPE, text=True)
                    times.append(time.perf_counter() - t0)
                if p.returncode not in (0, 1):
                    sys.exit(f"throughput: {' '.join(cmd)} exited {p.returncode}: {p.stderr[-500:]}")
                rss = max(rss, int(p.stderr.strip().splitlines()[-1]))
            med = statistics.median(times)
            rate = mb / med
            if base is None:
                base = rate
            rates[name] = rate
            print(f"{name:<18}{med:>10.3f}{rate:>9.1f}{rate / base:>9.2f}{rss / 1024:>9.1f} MiB")
        # The ratios above are against `wc -w` in the environment's locale, the stricter
        # baseline (C.UTF-8 here). The issues quote wc -w at ~186 MB/s, which is what it
        # does here with LC_ALL=C (its single-byte path is slower): both are printed.
        c = rates["wc -w, LC_ALL=C"]
        print("against wc -w with LC_ALL=C: " +
              ", ".join(f"{k} {rates[k] / c:.2f}x" for k in
                        ("tokenizer", "full chain", "full chain -j 2")))
        chain = stage_seconds([args.lede, "run", "-c", cfg, "--stats"], nd, args.runs)
        total = sum(chain.values())
        print("full chain, per stage (--stats, median s): " +
              ", ".join(f"{k} {v:.3f} ({100 * v / total:.0f}%)" for k, v in chain.items()))
        tq = stage_seconds([args.lede, "run", "-i", "ndjson", "-p", "tokenizer ! quotes",
                            "--stats"], nd, args.runs)
        print(f"tokenizer ! quotes (--stats, median s): tokenizer {tq['tokenizer']:.3f}, "
              f"quotes {tq['quotes']:.3f}: quotes = {tq['quotes'] / tq['tokenizer']:.2f}x "
              f"the tokenizer")


STAT = re.compile(r"^lede:\s+(\S+)\s+([0-9.]+) s\s+[0-9.]+% of stage time")


def stage_seconds(cmd, inp, runs):
    """Median per-stage seconds over runs of cmd (which has --stats), by stage name."""
    per = {}
    for _ in range(runs):
        with open(inp, "rb") as fin:
            p = subprocess.run(cmd, stdin=fin, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"throughput: {' '.join(cmd)} exited {p.returncode}: {p.stderr[-500:]}")
        for line in p.stderr.splitlines():
            m = STAT.match(line)
            if m:
                per.setdefault(m.group(1), []).append(float(m.group(2)))
    if not per:
        sys.exit(f"throughput: no per-stage lines from {' '.join(cmd)}")
    return {k: statistics.median(v) for k, v in per.items()}


if __name__ == "__main__":
    main()
