#!/usr/bin/env python3
"""sentences_eval.py -- score the tokenizer's sentence boundaries on public gold sets.

    bench/sentences_eval.py [--runner CMD] [--data DIR] [--show N]

Sets (under DIR, default ../shared/data beside the repository; skipped with a message when absent):
  - English Golden Rules (sbd-golden-rules/golden_rules_en.json): a case passes when the
    sentences' "text" fields equal the expected sentences after collapsing white space. The
    text is what the exporter shows for a sentence: its span without the page furniture the
    tokenizer skipped (an inline tag such as "</em>" left out, a block-level tag, leader,
    rule or literal "\r\n" as one space), as the suites' expected sentences are written. Reported on all 52
    and on the 48 of pySBD (comparable with its published 47/48).
  - pragmatic_segmenter English spec (pragmatic_segmenter_english_spec.json, 129 cases):
    same scoring; with --runner-whole also scored a second time with the tokenizer option
    quotations = "whole" (the suite keeps a quotation of several sentences in one, which
    news text does not: the default splits them).
  - GUM news (gum/gum_news.jsonl, 24 Wikinews docs, 765 sentences) and, for reference,
    all GUM written genres (with --all-gum; also the F1 of each genre, a held-out check for
    rules made on news): precision, recall and F1 of exact sentence spans (a predicted
    sentence counts when both its ends match a gold sentence).

The runner reads NDJSON {"id","text"} on stdin and writes one JSON object per document
with "sentences": [{start,end,text,...}], offsets in bytes: by default the real CLI,
  build/bin/lede run -p 'tokenizer ! exporter format=ndjson' -i ndjson -
or, with --runner, anything that does the same (build/bin/tok_speed --ndjson -, the
in-process driver, whose "text" is the raw span: furniture stays in it). A sentence without
"text" is scored on its span. bench/sentences_eval.sh picks the build directory.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def run(runner, docs):
    """docs: list of (id, text). Returns {id: [(start_char, end_char, shown_text), ...]}:
    each sentence's span in characters and its "text" field (the span's text when absent)."""
    payload = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs)
    out = subprocess.run(runner, shell=True, input=payload.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    texts = dict(docs)
    result = {}
    for line in out.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        b = texts[rec["id"]].encode("utf-8")
        spans = []
        for s in rec.get("sentences", []):
            # byte offsets -> character offsets
            a = len(b[:s["start"]].decode("utf-8"))
            e = len(b[:s["end"]].decode("utf-8"))
            spans.append((a, e, s.get("text", texts[rec["id"]][a:e])))
        result[rec["id"]] = spans
    return result


def rules(runner, path, show, label):
    cases = json.load(open(path, encoding="utf-8"))
    got = run(runner, [(c["id"], c["input"]) for c in cases])
    passed, passed48, n48, failures = 0, 0, 0, []
    for c in cases:
        sents = [norm(shown) for _, _, shown in got.get(c["id"], [])]
        ok = sents == [norm(e) for e in c["expected"]]
        passed += ok
        if c.get("pysbd_rule") is not None:
            n48 += 1
            passed48 += ok
        if not ok:
            failures.append((c["id"], c["expected"], sents))
    line = f"{label}: {passed}/{len(cases)} ({100.0 * passed / len(cases):.1f}%)"
    if n48:
        line += f"; pySBD's {n48}: {passed48}/{n48} ({100.0 * passed48 / n48:.2f}%)"
    print(line)
    for cid, exp, sents in failures[:show]:
        print(f"  FAIL {cid}\n    expected {exp}\n    got      {sents}")
    return passed, len(cases)


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gum(runner, path, show, label, by_genre=False):
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    got = run(runner, [(d["doc_id"], d["text"]) for d in docs])
    counts = {}  # genre -> [tp, predicted, gold]
    misses = []
    for d in docs:
        gold = {(s["start"], s["end"]) for s in d["sentences"]}
        pred = {(a, b) for a, b, _ in got.get(d["doc_id"], [])}
        c = counts.setdefault(d.get("genre", "?"), [0, 0, 0])
        c[0] += len(gold & pred)
        c[1] += len(pred)
        c[2] += len(gold)
        for a, b in sorted(pred - gold):
            misses.append((d["doc_id"], d["text"][a:b]))
    tp, n_pred, n_gold = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r, f = prf(tp, n_pred, n_gold)
    print(f"{label}: {len(docs)} docs, {n_gold} gold sentences, {n_pred} predicted: "
          f"P {p:.4f} R {r:.4f} F1 {f:.4f}")
    if by_genre:
        print("  " + ", ".join(f"{g} {prf(*c)[2]:.4f}" for g, c in sorted(counts.items())))
    for doc, s in misses[:show]:
        print(f"  WRONG {doc}: {s[:160]!r}")
    return f


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    lede = os.path.join(root, "build", "bin", "lede")
    ap.add_argument("--runner", default=f"{lede} run -p 'tokenizer ! exporter format=ndjson' -i ndjson -")
    ap.add_argument("--runner-whole", default="",
                    help="the same runner with the tokenizer option quotations=whole: also "
                    "score the pragmatic_segmenter suite with it")
    ap.add_argument("--data", default=os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "data"))
    ap.add_argument("--show", type=int, default=0, help="print up to N failures per set")
    ap.add_argument("--all-gum", action="store_true", help="also score all GUM written genres")
    a = ap.parse_args()

    sbd = os.path.join(a.data, "sbd-golden-rules")
    if os.path.isdir(sbd):
        rules(a.runner, os.path.join(sbd, "golden_rules_en.json"), a.show, "Golden Rules")
        rules(a.runner, os.path.join(sbd, "pragmatic_segmenter_english_spec.json"), a.show,
              "pragmatic_segmenter English spec (defaults)")
        if a.runner_whole:
            rules(a.runner_whole, os.path.join(sbd, "pragmatic_segmenter_english_spec.json"),
                  a.show, "pragmatic_segmenter English spec (quotations = \"whole\")")
    else:
        print(f"skip: {sbd} not found (English Golden Rules)")
    g = os.path.join(a.data, "gum")
    if os.path.isdir(g):
        gum(a.runner, os.path.join(g, "gum_news.jsonl"), a.show, "GUM news")
        if a.all_gum:
            gum(a.runner, os.path.join(g, "gum_written_all.jsonl"), a.show, "GUM written (all)",
                by_genre=True)
    else:
        print(f"skip: {g} not found (GUM)")


if __name__ == "__main__":
    sys.exit(main())
