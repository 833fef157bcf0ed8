"""How well the importer reads real published texts: precision and recall against truth files.

    .venv/bin/python benchmarks/importing_bench.py [--corpus tests/data/published-reports]
        [--part dev|heldout|all] [--write docs/importing.md] [--details]

Reads every text of the corpus with the importer (programme, force and everything else recognised
from the text alone, as `inspectorate import-reports` does), scores it against its hand-checked
truth file (core/ingest/scoring.py) and prints, in Markdown, per part (the texts the readers were
developed on, and those held out from development) and per programme: programme and force
recognised, date, grades (texts read exactly, precision, recall, invented), ungraded areas,
recording-rate estimates (exact with their interval), and finding counts. With ``--write`` the
result replaces its own section of docs/importing.md. The targets of the importer are checked on
the held-out part: every stated grade exact in at least 95% of texts, at least 95% of recording-rate
estimates exact with their interval, and no invented grade anywhere.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from doc_sections import put_section

from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.read import import_document
from inspectorate.core.ingest.scoring import Tally, TextScore, score, tally
from inspectorate.core.ingest.truth import CorpusText, corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "published-reports"
TARGET = 0.95


def _pct(value: float | None) -> str:
    return f"{100 * value:.0f}%" if value is not None else "-"


def _of(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def read_all(texts: list[CorpusText]) -> tuple[list[TextScore], list[float]]:
    scores, seconds = [], []
    for text in texts:
        started = time.perf_counter()
        report = import_document(read_document(text.text_path))
        seconds.append(time.perf_counter() - started)
        scores.append(score(text.name, report, text.truth))
    return scores, seconds


def _row(label: str, t: Tally) -> str:
    return (
        f"| {label} | {t.texts} | {_of(t.programme_right, t.texts)} | {_of(t.force_right, t.texts)} "
        f"| {_of(t.date_right, t.texts)} | {_of(t.grades_exact, t.texts)} | {_pct(t.grade_precision)} "
        f"| {_pct(t.grade_recall)} | {len(t.invented)} | {_of(t.ungraded_right, t.ungraded_true)} "
        f"| {_of(t.estimates_right, t.estimates_true)} | {_pct(t.estimate_precision)} "
        f"| {_of(t.findings_right, t.texts)} |"
    )


def part_table(title: str, scores: list[TextScore]) -> list[str]:
    overall, by_programme = tally(scores)
    lines = [
        f"### {title}: {overall.texts} texts",
        "",
        "| programme | texts | programme right | force right | date right | grades exact | grade precision "
        "| grade recall | invented grades | ungraded right | estimates exact | estimate precision "
        "| finding counts right |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [_row(f"`{programme}`", t) for programme, t in by_programme.items()]
    lines.append(_row("**all**", overall))
    missed = [s for s in scores if not s.grades_exact]
    if missed:
        lines += ["", "Texts whose grades were not read exactly:", ""]
        for s in missed:
            parts = []
            if s.missed:
                parts.append("not read: " + "; ".join(s.missed))
            if s.invented:
                parts.append("**invented**: " + "; ".join(s.invented))
            lines.append(f"- `{s.name}`: " + " — ".join(parts))
    return lines


def targets(scores: list[TextScore]) -> list[str]:
    overall, _ = tally(scores)
    grades_ok = (overall.grades_exact_rate or 0) >= TARGET
    estimates_ok = overall.estimate_recall is None or overall.estimate_recall >= TARGET
    invented_ok = not overall.invented
    return [
        f"- every stated grade exact in at least 95% of texts: {_pct(overall.grades_exact_rate)} "
        f"({overall.grades_exact} of {overall.texts}) — {'met' if grades_ok else 'NOT MET'}",
        f"- at least 95% of recording-rate estimates exact with their interval: "
        f"{_pct(overall.estimate_recall)} ({overall.estimates_right} of {overall.estimates_true}) — "
        f"{'met' if estimates_ok else 'NOT MET'}",
        f"- no invented grade: {len(overall.invented)} invented — {'met' if invented_ok else 'NOT MET'}",
    ]


def report(root: Path, part: str) -> str:
    parts = ("dev", "heldout") if part == "all" else (part,)
    texts = corpus(root, parts)
    everything, seconds = read_all(texts)
    forces = {t.truth.force for t in texts if t.truth.force}
    programmes = {t.truth.programme for t in texts if t.truth.programme}
    stamp = datetime.now(UTC).strftime("%d %B %Y at %H:%M UTC")
    lines = [
        f"Written by `benchmarks/importing_bench.py` on {stamp}: {len(texts)} real published texts "
        f"(the inspectorate's web pages and press releases, and a few commissioners' pages and news items "
        f"that must be refused, each with its source address in its truth file) about {len(forces)} "
        f"forces and {len(programmes)} programmes, in "
        f"`tests/data/published-reports/`. Each text was read from its file alone (programme, force "
        f"and year recognised from its wording) and compared with its truth file, checked by hand "
        f"against the text. Median reading time per text: "
        f"{1000 * statistics.median(seconds):.1f} ms."
        if seconds
        else "No texts.",
        "",
        "Grades are compared as (area, grade) pairs; a text is *exact* when the reader reads every "
        "grade it states and nothing else (so a text that states no grade is exact only when none is "
        "read). An *invented* grade is one read that the text does not state for its own report. An "
        "estimate is exact when its percentage, interval and year (the report's own, or an earlier "
        "inspection's it quotes) are all right.",
        "",
    ]
    for name in parts:
        scores = [s for s, t in zip(everything, texts, strict=True) if t.part == name]
        title = "Held out from development" if name == "heldout" else "Development texts"
        lines += [*part_table(title, scores), ""]
        if name == "heldout":
            lines += ["Targets, on the held-out texts:", "", *targets(scores), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--write", type=Path, help="replace this benchmark's section of that Markdown file")
    args = parser.parse_args()
    body = report(args.corpus, args.part)
    print(body)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        args.write.write_text(put_section(page, "importing", body), encoding="utf-8")


if __name__ == "__main__":
    main()
