"""Precision and recall of recurrence links at each threshold, on the labelled sets.

    .venv/bin/python benchmarks/recurrence_threshold.py [--seeds ../shared/seeds]

Prints a Markdown table per set (docs/recurrence.md holds the results and the choice made).
The seed set is measured only where the seed reports are.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inspectorate.core.recurrence.encoder import default_encoder
from inspectorate.core.recurrence.evaluation import measure
from inspectorate.core.recurrence.labelled import LabelledSet, seed_set, written_set

HERE = Path(__file__).parent / "recurrence"
THRESHOLDS = [round(0.40 + 0.05 * n, 2) for n in range(10)]


def _table(name: str, labelled: LabelledSet) -> str:
    vectors = default_encoder().encode([f.text for f in labelled.findings])
    rows = [
        f"### {name}",
        "",
        "| threshold | links | right | recurrences | precision | recall |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measure(labelled.findings, vectors, labelled.same, THRESHOLDS):
        precision = f"{m.precision:.2f}" if m.precision is not None else "n/a"
        recall = f"{m.recall:.2f}" if m.recall is not None else "n/a"
        rows.append(f"| {m.threshold:.2f} | {m.links} | {m.correct} | {m.cases} | {precision} | {recall} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"))
    args = parser.parse_args()
    written = written_set(HERE / "written.yaml")
    print(_table(f"Written set ({len(written.findings)} findings)", written))
    if args.seeds.is_dir():
        seeds = seed_set(HERE / "seed-labels.json", args.seeds)
        print(_table(f"Seed set ({len(seeds.findings)} findings of the five reports)", seeds))
    else:
        print(f"(seed set not measured: no {args.seeds})")


if __name__ == "__main__":
    main()
