"""Summarises `sigah bench` results of several datasets: SiGAH against the best baseline at each code length.

Usage: sigah_summary.py RESULTS_DIR [RESULTS_DIR ...]   (each holding a results.json written by `sigah bench`)
Prints one markdown table per dataset (mean ± sample std over the seeds of test mAP, SiGAH's validation mAP, and the
ratio of SiGAH's mean to the best baseline's mean) and a closing line per dataset: whether SiGAH is at least the
best baseline at every length and at least 1.10x it at 32, 64 and 128 bits. Standard library only.
"""
import json
import os
import sys

TARGET = "sigah"


def cell(aggregate, key="mAP"):
    mean = aggregate["mean"]["metrics"][key] if key == "mAP" else aggregate["mean"][key]
    std = aggregate["std"]
    if std is None:
        return f"{mean:.4f}", mean
    spread = std["metrics"][key] if key == "mAP" else std[key]
    return f"{mean:.4f} ± {spread:.4f}", mean


def summarise(path):
    with open(os.path.join(path, "results.json"), encoding="utf-8") as f:
        results = json.load(f)
    aggregates = {(a["method"], a["bits"]): a for a in results["aggregates"]}
    seeds = ",".join(str(s) for s in results["seeds"])
    print(f"### {results['dataset']} ({results['training']} training, {results['base']} base, "
          f"{results['queries']} queries, d = {results['dimension']}; seeds {seeds})\n")
    print("| bits | sigah test mAP | sigah validation mAP | best baseline | its test mAP | sigah / best |")
    print("|---:|---|---|---|---|---:|")
    holds, lead = True, True
    for bits in sorted({a["bits"] for a in results["aggregates"]}):
        if (TARGET, bits) not in aggregates:
            continue
        ours, our_mean = cell(aggregates[(TARGET, bits)])
        validation = aggregates[(TARGET, bits)]["mean"].get("validation_mAP")
        baselines = [(m, a) for (m, b), a in aggregates.items() if b == bits and not m.startswith(TARGET)]
        if not baselines:
            continue
        best_method, best = max(baselines, key=lambda item: item[1]["mean"]["metrics"]["mAP"])
        theirs, their_mean = cell(best)
        ratio = our_mean / their_mean
        holds &= ratio >= 1.0
        if bits >= 32:
            lead &= ratio >= 1.10
        shown = "" if validation is None else f"{validation:.4f}"
        print(f"| {bits} | {ours} | {shown} | {best_method} | {theirs} | {ratio:.3f} |")
    print(f"\nSiGAH ≥ the best baseline at every length: {'yes' if holds else 'NO'}; "
          f"≥ 1.10× it at 32, 64 and 128 bits: {'yes' if lead else 'no'}\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        summarise(path)


if __name__ == "__main__":
    main()
