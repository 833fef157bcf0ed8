"""Build the national aggregates shipped in the package from the real published files.

Reads every real file in ../shared/data through the platform's own readers (the same code
`inspectorate national load` runs) and writes src/inspectorate/core/national/shipped/: a national
store (catalog.json and one gzip CSV of figures per edition) and SOURCES.md naming every file read,
its SHA-256 and where it was taken from. The police.uk street files are kept only as counts by
force, month and crime type.

    .venv/bin/python scripts/build_national_aggregates.py --shared ../shared/data
    .venv/bin/python scripts/build_national_aggregates.py --shared ../shared/data --out /tmp/x

The output is deterministic: building twice from the same files gives the same bytes
(tests/core/national/test_shipped.py checks the shipped folder against a rebuild).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from inspectorate.core.national.figures import NationalTable
from inspectorate.core.national.reading import Kind, read_street_files, read_table, recognise
from inspectorate.core.national.store import CATALOG, FIGURES, LOCK, SHIPPED_DIR, NationalStore

SOURCES = "SOURCES.md"


@dataclass(frozen=True)
class Source:
    """A group of files as the folder's README.txt describes them: where they were taken from."""

    title: str
    pattern: str
    """Relative to the shared data folder."""
    count: int
    """How many files the README lists; a different number stops the build."""
    origin: str


GROUPS = (
    Source(
        "ONS police force area data tables (eight editions)",
        "ons/pfa-data-tables/*.xlsx",
        8,
        "github RG-1427/Data-Analytics, commit ec5f0b1144a197e18b4418dae4a7a26961128f3d (ons/README.txt)",
    ),
    Source(
        "Home Office police recorded crime open data, police force area, 2017/18",
        "home-office/prc-pfa-mar2013-onwards-tables201718.csv",
        1,
        "github Sparrow0hawk/crime_sim_toolkit, commit dc00421b12113f33477dc7d43a8864dd87af92ce "
        "(home-office/README.txt)",
    ),
    Source(
        "Home Office police workforce tables (five editions)",
        "home-office/police-workforce/*.ods",
        5,
        "github Resistance-Lab/resistancelab_data, commit 625e720132cc8e912caf091b3b6ebc716fa939a8 "
        "(home-office/README.txt)",
    ),
    Source(
        "Home Office police use of force tables (three editions)",
        "home-office/police-use-of-force/police-use-of-force-*.ods",
        3,
        "github Resistance-Lab/resistancelab_data, commit 625e720132cc8e912caf091b3b6ebc716fa939a8 "
        "(home-office/README.txt)",
    ),
    Source(
        "police.uk street-level crime, four forces by month (Parquet of the published CSV files)",
        "police-uk-bulk/street-by-force/*.parquet",
        16,
        "github Linazk/street-crime-analysis-group-project, commit 6b703dc904cddb1dd5827a33365e6b03fe0b6026 "
        "(police-uk-bulk/README.txt; manifest.csv names each source file)",
    ),
    Source(
        "police.uk street-level crime, every available force, six months (Parquet of the published CSVs)",
        "police-uk-bulk/street-all-forces/*.parquet",
        6,
        "github mgsf08m002/GEOINFORMATION-IN-SOCIETY, commit 40d03289fffccef6d1fb8abc26f19ecf68cf0fda "
        "(2018 months) and github Leonard-Theodorus/UK-Q1-2024-Crime-Data-Analysis, commit "
        "db3c48e3f035d647fa2c9ed803d0cbe9145988b9 (2024 months) (police-uk-bulk/README.txt)",
    ),
    Source(
        "police.uk street-level crime, City of London, as published (CSV)",
        "police-uk/*-street.csv",
        3,
        "the police.uk open data archive as republished in a public repository (police-uk/README.txt)",
    ),
)


def source_files(shared: Path) -> list[tuple[Source, list[Path]]]:
    found = []
    for group in GROUPS:
        files = sorted(shared.glob(group.pattern))
        if len(files) != group.count:
            raise SystemExit(f"{shared / group.pattern}: {len(files)} files, the README lists {group.count}")
        found.append((group, files))
    return found


def build(shared: Path, out: Path) -> list[NationalTable]:
    """Read every file and write the store and SOURCES.md into ``out`` (what was there is replaced)."""
    groups = source_files(shared)
    tables: list[NationalTable] = []
    street: list[Path] = []
    edition_of: dict[Path, str] = {}
    for _group, files in groups:
        for path in files:
            kind = recognise(path)
            if kind is Kind.POLICE_UK_STREET:
                street.append(path)
            else:
                tables.append(read_table(path, kind))
                edition_of[path] = tables[-1].edition.id
    tables.append(read_street_files(street))
    edition_of.update(dict.fromkeys(street, tables[-1].edition.id))

    out.mkdir(parents=True, exist_ok=True)
    (out / CATALOG).unlink(missing_ok=True)
    shutil.rmtree(out / FIGURES, ignore_errors=True)
    store = NationalStore(out)
    for table in tables:
        store.add(table)
    (out / LOCK).unlink(missing_ok=True)
    (out / SOURCES).write_text(sources_markdown(shared, groups, edition_of), encoding="utf-8")
    return tables


def sources_markdown(
    shared: Path, groups: list[tuple[Source, list[Path]]], edition_of: dict[Path, str]
) -> str:
    lines = [
        "# Sources of the shipped national aggregates",
        "",
        "Written by `scripts/build_national_aggregates.py` from the real published files (Open Government",
        "Licence v3.0). Every file below was read by the platform's own readers; the police.uk street files",
        "are kept only as counts by force, month and crime type, all of them one edition.",
        "",
    ]
    for group, files in groups:
        lines += [f"## {group.title}", "", f"Taken from {group.origin}.", ""]
        lines += ["| file | bytes | sha256 | edition |", "| --- | --- | --- | --- |"]
        for path in files:
            edition = edition_of[path]
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            relative = path.relative_to(shared).as_posix()
            lines.append(f"| `{relative}` | {path.stat().st_size} | `{digest}` | `{edition}` |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="The shared data folder (../shared/data).")
    parser.add_argument(
        "--out", type=Path, default=SHIPPED_DIR, help="Where to write (default: the package)."
    )
    args = parser.parse_args()
    tables = build(args.shared.resolve(), args.out)
    for table in sorted(tables, key=lambda t: t.edition.id):
        print(f"{table.edition.id}: {len(table.figures):,} figures from {table.edition.source_file}")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out} ({size / 1024 / 1024:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
