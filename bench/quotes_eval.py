#!/usr/bin/env python3
"""quotes_eval.py -- quality of the quotes stage on gold data, through the real binary.

Runs `lede run -p 'tokenizer ! quotes ! exporter format=ndjson' -i ndjson -` on the
articles of each data set and scores the `quotes` of every NDJSON record against the gold.

Data sets (read their SOURCE.md; both live outside the repository and are skipped with a
message when absent):
  polnear   PolNeAR dev/test (political news, brat standoff). Gold direct quotations are
            the content pieces of relations whose content_quote_heuristic is "direct"
            (one .ann per article: the first annotator id alphabetically). Offsets are
            code points; the exporter's are bytes, converted here.
            - recall: a gold piece is found when a system quotation lies at least half
              inside it;
            - precision: a system quotation is right when at least half of it lies inside
              the content of some gold relation (any kind: PolNeAR annotates attributed
              material only, so a quotation inside an indirect relation is still a quote);
            - speaker accuracy, over found pieces whose relation has a source: right when
              the system's speaker mention overlaps the gold source span, or the resolved
              speaker's last word equals the gold source's last word.
            Scores are given for three sets of system quotations: "attributed" (full
            ones, and partial ones with a speaker: the headline figure, since PolNeAR
            annotates attributed material only), "full" and "all".
  textacy   textacy's direct-quotation test cases (13 tiny texts). Main cases: quotation
            text and speaker tokens; the extra cases: the speakers in order.
  pdnc      PDNC's Pride and Prejudice (fiction, 1270 quotations): quotation spans, and
            speakers through the character aliases, per quote type (Explicit, Anaphoric,
            Implicit). A secondary, out-of-domain figure.

Usage:
  python3 bench/quotes_eval.py [--lede build/bin/lede] [--data ../shared/data]
                               [--split dev|test|both] [--show-misses N]
Exit status: 0, or 2 when the binary is missing.
"""
import argparse
import json
import os
import subprocess
import sys

PIPELINE = "tokenizer ! quotes ! exporter format=ndjson"
MARKS = "\"'“”‘’„‟‚‛«»‹›"
TRAIL = ",.;:—–"
PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def run_lede(lede, docs):
    """docs: list of (id, text). Returns {id: record}."""
    payload = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs)
    proc = subprocess.run([lede, "run", "-p", PIPELINE, "-i", "ndjson", "-"],
                          input=payload.encode("utf-8"), capture_output=True)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise SystemExit("lede failed with status %d" % proc.returncode)
    out = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["id"]] = rec
    return out


def byte_to_char(text):
    """A list mapping each byte offset of text's UTF-8 (and its end) to a code-point offset."""
    m = []
    for ci, ch in enumerate(text):
        m.extend([ci] * len(ch.encode("utf-8")))
    m.append(len(text))
    return m


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def last_word(s):
    words = [w.strip(MARKS + TRAIL + "’'s").lower() for w in s.split()]
    words = [w for w in words if w]
    return words[-1] if words else ""


def prf(tp_p, n_p, tp_r, n_r):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- PolNeAR

def polnear_docs(root, splits):
    rows = [json.loads(l) for l in open(os.path.join(root, "attributions.jsonl"), encoding="utf-8")]
    chosen = {}
    for r in rows:
        if r["split"] not in splits:
            continue
        cur = chosen.get(r["doc"])
        if cur is None or r["annotator"] < cur["annotator"]:
            chosen[r["doc"]] = r
    docs = []
    for doc, r in sorted(chosen.items()):
        with open(os.path.join(root, r["text_file"]), encoding="utf-8") as f:
            docs.append((doc, f.read(), r))
    return docs


def system_quotes(rec, text):
    b2c = byte_to_char(text)
    out = []
    for q in rec.get("quotes", []):
        marks = q.get("marks") or {"start": q["start"], "end": q["end"]}
        sm = q.get("speaker_mention")
        out.append({
            "span": (b2c[marks["start"]], b2c[marks["end"]]),
            "text": q["text"],
            "kind": q.get("kind", "full"),
            "speaker": q.get("speaker"),
            "mention": (b2c[sm["start"]], b2c[sm["end"]]) if sm else None,
            "mention_text": sm["text"] if sm else None,
        })
    return out


def keep(q, variant):
    """Which system quotations a variant scores: all of them, the full ones, or the
    attributed ones (full, or partial with a speaker mention: what PolNeAR annotates)."""
    if variant == "all":
        return True
    if variant == "full":
        return q["kind"] == "full"
    return q["kind"] == "full" or q["mention"] is not None


def merged(spans, text):
    """Annotators cut some quotations at sentence ends: join the pieces of a span list
    that only white space separates."""
    out = []
    for s, e in sorted(spans):
        if out and text[out[-1][1]:s].strip() == "":
            out[-1][1] = e
        else:
            out.append([s, e])
    return out


def gold_pieces(rel, text):
    """The trimmed content pieces of a direct relation."""
    pieces = []
    for s, e in merged(rel["content"]["spans"], text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in TRAIL):
            e -= 1
        if e > s and any(c in MARKS for c in text[s:e]):
            pieces.append((s, e))
    return pieces


def score_polnear(lede, root, splits, show):
    docs = polnear_docs(root, splits)
    out = run_lede(lede, [(d, t) for d, t, _ in docs])
    res = {}
    misses = []
    for variant in ("attributed", "full", "all"):
        n_sys = tp_sys = n_gold = tp_gold = n_spk = ok_spk = 0
        for doc, text, r in docs:
            rec = out.get(doc)
            if rec is None or "error" in rec:
                continue
            sysq = [q for q in system_quotes(rec, text) if keep(q, variant)]
            rels = r["relations"]
            contents = [tuple(sp) for rel in rels for role in ("content", "content2")
                        if rel.get(role) for sp in merged(rel[role]["spans"], text)]
            for q in sysq:
                n_sys += 1
                L = q["span"][1] - q["span"][0]
                if any(overlap(q["span"], c) * 2 >= L for c in contents):
                    tp_sys += 1
                elif variant == "attributed" and len(misses) < show:
                    misses.append(("FP", doc, q["text"][:90]))
            for rel in rels:
                if rel.get("content_quote_heuristic") != "direct" or not rel.get("content"):
                    continue
                for piece in gold_pieces(rel, text):
                    n_gold += 1
                    hit = [q for q in sysq
                           if overlap(q["span"], piece) * 2 >= q["span"][1] - q["span"][0]]
                    if not hit:
                        if variant == "attributed" and len(misses) < 2 * show:
                            misses.append(("FN", doc, text[piece[0]:piece[1]][:90]))
                        continue
                    tp_gold += 1
                    src = rel.get("source")
                    if not src:
                        continue
                    n_spk += 1
                    spans = [tuple(s) for s in src["spans"]]
                    good = False
                    for q in hit:
                        if q["mention"] and any(overlap(q["mention"], s) for s in spans):
                            good = True
                        elif q["speaker"] and last_word(q["speaker"]) == last_word(src["text"]) \
                                and last_word(src["text"]) not in PRONOUNS:
                            good = True
                    ok_spk += good
                    if not good and variant == "attributed" and len(misses) < 3 * show:
                        misses.append(("SPK", doc, "%s | gold %r | ours %r" % (
                            text[piece[0]:piece[1]][:50], src["text"], hit[0]["mention_text"])))
        p, r_, f = prf(tp_sys, n_sys, tp_gold, n_gold)
        res[variant] = {"docs": len(docs), "system": n_sys, "gold": n_gold, "precision": p,
                        "recall": r_, "f1": f, "speaker_accuracy": ok_spk / n_spk if n_spk else 0.0,
                        "speakers_scored": n_spk}
    return res, misses


# ---------------------------------------------------------------- textacy

def norm_quote(s):
    return s.strip().strip(MARKS).strip().rstrip(TRAIL).strip().strip(MARKS).rstrip(TRAIL)


def score_textacy(lede, root):
    cases = json.load(open(os.path.join(root, "textacy_direct_quotations.json"), encoding="utf-8"))
    out = run_lede(lede, [(c["id"], c["text"]) for c in cases])
    n_sys = tp = n_gold = n_spk = ok_spk = 0
    order_ok = order_n = 0
    details = []
    for c in cases:
        rec = out.get(c["id"], {})
        full = [q for q in rec.get("quotes", []) if q.get("kind") == "full"]
        if "expected" in c:
            gold = c["expected"]
            n_sys += len(full)
            n_gold += len(gold)
            for g in gold:
                m = [q for q in full if norm_quote(q["text"]) == norm_quote(g["content"])]
                if not m:
                    details.append((c["id"], "missed", g["content"]))
                    continue
                tp += 1
                n_spk += 1
                sm = m[0].get("speaker_mention")
                got = sm["text"].split() if sm else []
                if got == g["speaker_tokens"]:
                    ok_spk += 1
                else:
                    details.append((c["id"], "speaker", "%r vs %r" % (got, g["speaker_tokens"])))
            for q in full:
                if not any(norm_quote(q["text"]) == norm_quote(g["content"]) for g in gold):
                    details.append((c["id"], "extra", q["text"]))
        else:
            order_n += 1
            got = []
            for q in rec.get("quotes", []):
                sm = q.get("speaker_mention")
                if sm and (q.get("kind") == "full" or q.get("cue")):
                    got.extend(sm["text"].split())
            if got == c["expected_speaker_tokens_in_order"]:
                order_ok += 1
            else:
                details.append((c["id"], "order", "%r vs %r" % (got, c["expected_speaker_tokens_in_order"])))
    p, r, f = prf(tp, n_sys, tp, n_gold)
    return {"cases": len(cases), "system": n_sys, "gold": n_gold, "precision": p, "recall": r,
            "f1": f, "speaker_accuracy": ok_spk / n_spk if n_spk else 0.0,
            "speaker_order_cases_ok": "%d/%d" % (order_ok, order_n)}, details


# ---------------------------------------------------------------- PDNC (fiction)

def score_pdnc(lede, root):
    """Pride and Prejudice: quotation sub-spans (without marks) and speakers, matched
    through the character aliases. Speaker accuracy is given per quote type, since half
    of the novel's quotations are Implicit (no cue at all: turn-taking)."""
    import ast
    import csv
    text = open(os.path.join(root, "novel_text.txt"), encoding="utf-8").read()
    aliases = {}
    with open(os.path.join(root, "character_info.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = set(ast.literal_eval(row["Aliases"])) | {row["Main Name"]}
            aliases[row["Main Name"]] = {n.lower() for n in names}
    gold = []
    with open(os.path.join(root, "quotation_info.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for s, e in ast.literal_eval(row["quoteByteSpans"]):
                gold.append(((s, e), row["speaker"], row["quoteType"]))
    rec = run_lede(lede, [("pdnc", text)])["pdnc"]
    sysq = system_quotes(rec, text)
    inner = [(q, (q["span"][0] + 1, q["span"][1] - 1)) for q in sysq]
    found = 0
    by_type = {}
    for span, speaker, qtype in gold:
        hit = [q for q, sp in inner if overlap(sp, span) * 2 >= max(1, sp[1] - sp[0])]
        if not hit:
            continue
        found += 1
        names = aliases.get(speaker, {speaker.lower()})
        got = hit[0]["speaker"] or ""
        ok = got.lower() in names or any(n.endswith(" " + got.lower()) for n in names)
        n_ok = by_type.setdefault(qtype, [0, 0])
        n_ok[0] += ok
        n_ok[1] += 1
    gold_spans = [g[0] for g in gold]
    tp_sys = sum(1 for q, sp in inner
                 if any(overlap(sp, g) * 2 >= max(1, sp[1] - sp[0]) for g in gold_spans))
    p, r, f = prf(tp_sys, len(inner), found, len(gold))
    out = {"system": len(inner), "gold_spans": len(gold), "precision": p, "recall": r, "f1": f}
    for qtype, (ok, n) in sorted(by_type.items()):
        out["speaker_accuracy_" + qtype.lower()] = ok / n if n else 0.0
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=os.environ.get("LEDE_BIN",
                                                     os.path.join(here, "..", "build", "bin", "lede")))
    ap.add_argument("--data", default=os.environ.get("LEDE_DATA", os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "data")))
    ap.add_argument("--split", default="dev", choices=["dev", "test", "both"])
    ap.add_argument("--show-misses", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if not os.access(args.lede, os.X_OK):
        print("quotes_eval: no lede binary at %s (build first, or pass --lede)" % args.lede,
              file=sys.stderr)
        return 2
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    report = {}
    pol = os.path.join(args.data, "polnear")
    if os.path.exists(os.path.join(pol, "attributions.jsonl")):
        report["polnear"], misses = score_polnear(args.lede, pol, splits, args.show_misses)
        report["polnear"]["split"] = args.split
        for m in misses:
            print("polnear %s %s: %s" % m, file=sys.stderr)
    else:
        print("quotes_eval: skipping PolNeAR: %s not found" % pol, file=sys.stderr)
    tx = os.path.join(args.data, "quote-smoke-textacy")
    if os.path.exists(os.path.join(tx, "textacy_direct_quotations.json")):
        report["textacy"], details = score_textacy(args.lede, tx)
        if args.show_misses:
            for d in details:
                print("textacy %s %s: %s" % d, file=sys.stderr)
    else:
        print("quotes_eval: skipping textacy: %s not found" % tx, file=sys.stderr)
    pdnc = os.path.join(args.data, "pdnc-pride-prejudice")
    if os.path.exists(os.path.join(pdnc, "quotation_info.csv")):
        report["pdnc"] = score_pdnc(args.lede, pdnc)
    else:
        print("quotes_eval: skipping PDNC: %s not found" % pdnc, file=sys.stderr)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
