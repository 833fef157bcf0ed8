"""The labelled sets the recurrence threshold is measured on (benchmarks/recurrence/).

- written.yaml: findings written for the purpose, each tagged with its matter; every pair is
  labelled by whether the matters are equal.
- seed-labels.json: pairs of findings read from the five seed reports, labelled by reading them;
  it names each finding by seed file and a hash of its text, so it needs the seeds to be used.
- references.yaml: passages of later reports, written for the purpose, each labelled with the
  earlier finding it takes up (or none) and the outcome it states: for stated links.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.evaluation import ReferenceItem, Same
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, FindingText, Link
from inspectorate.core.recurrence.references import (
    EarlierFinding,
    EarlierInspection,
    LaterFinding,
    anchor,
    programme_hints,
    read_citations,
    resolve,
)
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


@dataclass(frozen=True)
class ReferenceSet:
    force: str
    earlier: list[EarlierInspection]
    items: list[ReferenceItem]


def references_set(path: Path) -> ReferenceSet:
    """benchmarks/recurrence/references.yaml: earlier inspections of an imaginary force with their
    findings, and passages of later reports labelled with the finding they take up."""
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    earlier = [
        EarlierInspection(
            key=inspection["id"],
            when=str(inspection["when"]),
            years=frozenset(str(y) for y in inspection["years"]),
            programmes=programme_hints(f"{inspection['title']} {inspection['programme']}"),
            findings=tuple(
                EarlierFinding(f["id"], FindingKind(f["kind"]), f["text"]) for f in inspection["findings"]
            ),
        )
        for inspection in data["inspections"]
    ]
    inspection_of = {f.key: i.key for i in earlier for f in i.findings}
    later_when = {later["id"]: str(later["when"]) for later in data["later"]}
    later_programmes = {later["id"]: programme_hints(later["programme"]) for later in data["later"]}
    items = [
        ReferenceItem(
            id=item["id"],
            split=split,
            later=item["later"],
            later_when=later_when[item["later"]],
            later_programmes=later_programmes[item["later"]],
            text=item["text"],
            refers=item.get("refers"),
            refers_inspection=inspection_of[item["refers"]] if item.get("refers") else None,
            outcome=item.get("outcome") or "none",
            trap=item.get("trap"),
        )
        for split in ("tune", "holdout")
        for item in data[split]
    ]
    return ReferenceSet(data["force"], earlier, items)


# The years each seed report may be cited by: its period and its publication.
SEED_CITED_YEARS = {
    "003_e0f667914e9e5daf.txt": ("2005", "2006"),
    "000_02b487485919232c.txt": ("2014",),
    "001_7d68ee8392ababee.txt": ("2015", "2016"),
    "004_36f156240a9cf93e.txt": ("2018", "2019"),
    "002_5311f412f4e122ba.txt": ("2021", "2022"),
}


def seed_stated_links(seeds_dir: Path) -> list[Link]:
    """The stated links read from the seed reports' own text, keyed as ``seed_set`` keys findings:
    each citation resolved to an earlier seed report's finding and anchored to the later report's
    finding whose passage holds it."""
    from inspectorate.core.ingest.document import read_document
    from inspectorate.core.ingest.read import import_document

    earlier: list[EarlierInspection] = []
    later_findings: dict[str, list[LaterFinding]] = {}
    texts: dict[str, tuple[str, ...]] = {}
    for seed, year in SEED_YEARS.items():
        document = read_document(seeds_dir / seed)
        report = import_document(document, "metropolitan")
        followed = [f for f in report.findings if f.kind in FOLLOWED_KINDS]
        keys = [f"{seed}#{text_hash(f.text)}" for f in followed]
        earlier.append(
            EarlierInspection(
                key=seed,
                when=year,
                years=frozenset(SEED_CITED_YEARS[seed]),
                programmes=programme_hints(
                    f"{report.programme_title} {(report.programme or '').replace('-', ' ')}"
                ),
                findings=tuple(
                    EarlierFinding(k, f.kind, f.text) for k, f in zip(keys, followed, strict=True)
                ),
            )
        )
        later_findings[seed] = [
            LaterFinding(k, f.at.line, f.text) for k, f in zip(keys, followed, strict=True)
        ]
        texts[seed] = document.lines
    found: list[Link] = []
    for seed, year in SEED_YEARS.items():
        own = next(i for i in earlier if i.key == seed)
        for citation in read_citations(texts[seed]):
            resolution = resolve(citation, year, earlier, later_programmes=own.programmes)
            later = anchor(citation, later_findings[seed])
            if resolution.finding is not None and later is not None:
                found.append(Link(resolution.finding, later, resolution.score, "stated"))
    return found
