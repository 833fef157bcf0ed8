"""Precision and recall of stated links: a later report's own references to earlier findings.

    .venv/bin/python benchmarks/reference_links.py [--seeds ../shared/seeds]

Prints, in Markdown, the measures docs/history.md reports:

- the written set (benchmarks/recurrence/references.yaml): passages of later reports, each labelled
  with the earlier finding it takes up; the part used to shape the reader's rules (tune) and the
  part held out (holdout) apart, with the outcome read right;
- the seed set (seed-labels.json, where the seed reports are): stated links alone, similarity links
  at the threshold alone, and both together, on the labelled (later finding, earlier inspection)
  pairs of the five reports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inspectorate.core.recurrence.encoder import default_encoder
from inspectorate.core.recurrence.evaluation import (
    Measure,
    StatedMeasure,
    combined,
    measure_links,
    measure_references,
)
from inspectorate.core.recurrence.labelled import references_set, seed_set, seed_stated_links
from inspectorate.core.recurrence.links import THRESHOLD, links

HERE = Path(__file__).parent / "recurrence"


def _ratio(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "n/a"


def written() -> str:
    labelled = references_set(HERE / "references.yaml")
    rows = [
        f"### Written set ({len(labelled.items)} passages)",
        "",
        "| part | passages | references | read | links | right | precision | recall | outcome right |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for part in ("tune", "holdout", "all"):
        items = [i for i in labelled.items if part in ("all", i.split)]
        m: StatedMeasure = measure_references(items, labelled.earlier)
        rows.append(
            f"| {part} | {m.passages} | {m.cases} | {m.read} | {m.links} | {m.correct} "
            f"| {_ratio(m.precision)} | {_ratio(m.recall)} | {m.outcomes_right} of {m.correct} |"
        )
    return "\n".join(rows) + "\n"


def seeds(seeds_dir: Path) -> str:
    labelled = seed_set(HERE / "seed-labels.json", seeds_dir)
    stated = seed_stated_links(seeds_dir)
    vectors = default_encoder().encode([f.text for f in labelled.findings])
    suggested = links(labelled.findings, vectors, THRESHOLD)
    measures: list[tuple[str, Measure]] = [
        ("stated links alone", measure_links(labelled.findings, stated, labelled.same)),
        (f"similarity at {THRESHOLD}", measure_links(labelled.findings, suggested, labelled.same)),
        (
            "stated, then similarity",
            measure_links(labelled.findings, combined(stated, suggested, labelled.findings), labelled.same),
        ),
    ]
    rows = [
        f"### Seed set ({len(labelled.findings)} findings of the five reports)",
        "",
        "| links from | links | right | recurrences | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows += [
        f"| {name} | {m.links} | {m.correct} | {m.cases} | {_ratio(m.precision)} | {_ratio(m.recall)} |"
        for name, m in measures
    ]
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"))
    args = parser.parse_args()
    print(written())
    if args.seeds.is_dir():
        print(seeds(args.seeds))
    else:
        print(f"(seed set not measured: no {args.seeds})")


if __name__ == "__main__":
    main()
