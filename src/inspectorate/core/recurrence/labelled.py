"""The labelled sets the recurrence threshold is measured on (benchmarks/recurrence/).

- written.yaml: findings written for the purpose, each tagged with its matter; every pair is
  labelled by whether the matters are equal.
- seed-labels.json: pairs of findings read from the five seed reports, labelled by reading them;
  it names each finding by seed file and a hash of its text, so it needs the seeds to be used.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.evaluation import Same
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, FindingText
from inspectorate.core.yamldoc import parse_yaml

SEED_YEARS = {  # the order of the seed reports' inspections
    "003_e0f667914e9e5daf.txt": "2006",
    "000_02b487485919232c.txt": "2014",
    "001_7d68ee8392ababee.txt": "2015",
    "004_36f156240a9cf93e.txt": "2018",
    "002_5311f412f4e122ba.txt": "2022",
}


@dataclass(frozen=True)
class LabelledSet:
    findings: list[FindingText]
    same: Same
    unlabelled_note: str = ""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def written_set(path: Path) -> LabelledSet:
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    matter: dict[str, str] = {}
    findings = []
    for inspection in data["inspections"]:
        for n, item in enumerate(inspection["findings"]):
            key = f"{inspection['id']}-{n}"
            matter[key] = item["matter"]
            findings.append(
                FindingText(
                    key, inspection["id"], inspection["id"], FindingKind.AREA_FOR_IMPROVEMENT, item["text"]
                )
            )
    return LabelledSet(findings, lambda a, b: matter[a.key] == matter[b.key])


def seed_set(labels_path: Path, seeds_dir: Path) -> LabelledSet:
    """The seed reports' followed findings, keyed by seed and text hash, and the pairs labelled same."""
    from inspectorate.core.ingest.read import import_report

    findings = []
    for seed, year in SEED_YEARS.items():
        report = import_report(seeds_dir / seed, "metropolitan")
        for finding in report.findings:
            if finding.kind in FOLLOWED_KINDS:
                key = f"{seed}#{text_hash(finding.text)}"
                findings.append(FindingText(key, seed, year, finding.kind, finding.text))
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["pairs"]
    positive = {
        (
            f"{p['earlier']['seed']}#{p['earlier']['text_sha256']}",
            f"{p['later']['seed']}#{p['later']['text_sha256']}",
        )
        for p in labels
        if p["same"]
    }
    return LabelledSet(findings, lambda a, b: (a.key, b.key) in positive)
