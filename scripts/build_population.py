"""Derive the Census 2011 population and households of each police force area.

Writes src/inspectorate/core/forces/population.csv and prints the table. Run it with the
project's environment (crime-sim-toolkit is a dev dependency, used here as a data source):

    .venv/bin/python scripts/build_population.py           # derive, check, print, write
    .venv/bin/python scripts/build_population.py --check   # derive, check, compare with the shipped file

Inputs, both shipped in crime-sim-toolkit 1.5.0 under crime_sim_toolkit/src/LSOA_data/:

- census_2011_population_hh.csv: ONS Census 2011 usual residents and households for each of
  the 34,753 lower layer super output areas (LSOAs) of England and Wales, with each LSOA's
  local authority district (LAD).
- PoliceforceLSOA.csv: LSOA -> police force for the 32,844 English LSOAs. 3,335 of them are
  blank: 53 whole LADs, listed in SUPPLEMENT below. Wales is not in the file at all.

Every 2011 LAD lies wholly inside one police force area, so each LSOA is given the force of its
LAD: the file's force where the file names one, otherwise the force in SUPPLEMENT.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from inspectorate.core.forces.population import POPULATION_CSV, POPULATION_HEADER
from inspectorate.core.forces.reference import all_forces, find_force, get_force

CENSUS_FILE = "census_2011_population_hh.csv"
FORCE_FILE = "PoliceforceLSOA.csv"
YEAR = 2011

# ONS Census 2011 usual residents of England and Wales; the census file must add up to it.
NATIONAL_TOTAL = 56_075_912

# Cross-checks, not used in the derivation. For these forces every LSOA comes from the file's
# own force column, and the sums agree with well-known Census 2011 usual-resident totals:
#   metropolitan       8,166,566 = London 8,173,941 minus the City of London's 7,375
#   city-of-london         7,375 = the City of London local authority
#   west-yorkshire     2,226,058 = West Yorkshire metropolitan county
#   greater-manchester 2,682,528 = Greater Manchester metropolitan county
#   west-midlands      2,736,460 = West Midlands metropolitan county
#   merseyside         1,381,189 = Merseyside metropolitan county
#   south-yorkshire    1,343,601 = South Yorkshire metropolitan county
# and England (53,012,456) plus Wales (3,063,456) make NATIONAL_TOTAL.

# Geography, not data: the police force area of each 2011 local authority district that the
# force file leaves blank (53 in England) or does not cover (the 22 Welsh unitary authorities).
# Police areas are set by statute: the Police Act 1996, Schedule 1 (as amended), defines each
# police area of England and Wales as a list of local government areas, and the ONS lookup
# "Local Authority District to Community Safety Partnership to Police Force Area" gives the same
# assignment. Keys are the LAD names exactly as the census file spells them.
SUPPLEMENT: dict[str, str] = {
    # England: whole districts left blank in PoliceforceLSOA.csv.
    "Northumberland UA": "northumbria",
    "Gateshead": "northumbria",
    "Craven": "north-yorkshire",
    "Hambleton": "north-yorkshire",
    "Harrogate": "north-yorkshire",
    "Richmondshire": "north-yorkshire",
    "Ryedale": "north-yorkshire",
    "Scarborough": "north-yorkshire",
    "Selby": "north-yorkshire",
    "Broxtowe": "nottinghamshire",
    "Gedling": "nottinghamshire",
    "Rushcliffe": "nottinghamshire",
    "Daventry": "northamptonshire",
    "South Northamptonshire": "northamptonshire",
    "Stratford-on-Avon": "warwickshire",
    "Warwick": "warwickshire",
    "Bromsgrove": "west-mercia",
    "Malvern Hills": "west-mercia",
    "Redditch": "west-mercia",
    "Worcester": "west-mercia",
    "Wychavon": "west-mercia",
    "Wyre Forest": "west-mercia",
    "Babergh": "suffolk",
    "Forest Heath": "suffolk",
    "Mid Suffolk": "suffolk",
    "St Edmundsbury": "suffolk",
    "East Hertfordshire": "hertfordshire",
    "St Albans": "hertfordshire",
    "Stevenage": "hertfordshire",
    "Welwyn Hatfield": "hertfordshire",
    "Dartford": "kent",
    "Gravesham": "kent",
    "Basingstoke and Deane": "hampshire",
    "Hart": "hampshire",
    "Rushmoor": "hampshire",
    "Mendip": "avon-and-somerset",
    "Sedgemoor": "avon-and-somerset",
    "South Somerset": "avon-and-somerset",
    "Taunton Deane": "avon-and-somerset",
    "West Somerset": "avon-and-somerset",
    "Christchurch": "dorset",
    "East Dorset": "dorset",
    "North Dorset": "dorset",
    "Purbeck": "dorset",
    "West Dorset": "dorset",
    "Weymouth and Portland": "dorset",
    "East Devon": "devon-and-cornwall",
    "Mid Devon": "devon-and-cornwall",
    "North Devon": "devon-and-cornwall",
    "South Hams": "devon-and-cornwall",
    "Teignbridge": "devon-and-cornwall",
    "Torridge": "devon-and-cornwall",
    "West Devon": "devon-and-cornwall",
    # Wales: the 22 unitary authorities, none of them in PoliceforceLSOA.csv.
    "Conwy": "north-wales",
    "Denbighshire": "north-wales",
    "Flintshire": "north-wales",
    "Gwynedd": "north-wales",
    "Isle of Anglesey": "north-wales",
    "Wrexham": "north-wales",
    "Carmarthenshire": "dyfed-powys",
    "Ceredigion": "dyfed-powys",
    "Pembrokeshire": "dyfed-powys",
    "Powys": "dyfed-powys",
    "Blaenau Gwent": "gwent",
    "Caerphilly": "gwent",
    "Monmouthshire": "gwent",
    "Newport": "gwent",
    "Torfaen": "gwent",
    "Bridgend": "south-wales",
    "Cardiff": "south-wales",
    "Merthyr Tydfil": "south-wales",
    "Neath Port Talbot": "south-wales",
    "Rhondda Cynon Taf": "south-wales",
    "Swansea": "south-wales",
    "The Vale of Glamorgan": "south-wales",
}


class DerivationFailed(AssertionError):
    """A check on the inputs or the result failed; nothing is written."""


def require(condition: bool, message: str) -> None:
    # Not a bare assert: these checks must also run under python -O.
    if not condition:
        raise DerivationFailed(message)


@dataclass(frozen=True)
class Lsoa:
    code: str
    lad_code: str
    lad_name: str
    persons: int
    households: int


@dataclass(frozen=True)
class ForceFigure:
    force_id: str
    population: int
    households: int
    lsoas: int
    lads: int
    # Where the LAD -> force assignments came from: "file", "supplement" or both.
    mapped_by: str


def data_dir() -> Path:
    return Path(str(resources.files("crime_sim_toolkit"))) / "src" / "LSOA_data"


def source_text() -> str:
    version = metadata.version("crime-sim-toolkit")
    return (
        "ONS Census 2011 usual residents by LSOA, aggregated to police force areas through their "
        f"local authority districts; data files shipped in crime-sim-toolkit {version}"
    )


def _number(text: str) -> int:
    # The census file writes thousands with separators: "1,563".
    return int(text.replace(",", ""))


def read_census(path: Path) -> list[Lsoa]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    # Three columns are called "Persons": all usual residents, then those in households and
    # those in communal establishments. The first is the usual-resident population.
    require(header[9] == "Persons" and header[14] == "Households", f"unexpected census header {header}")
    data = [row for row in rows[1:] if row]
    lsoas = [Lsoa(r[6], r[2], r[3], _number(r[9]), _number(r[14])) for r in data]
    for lsoa, row in zip(lsoas, data, strict=True):
        parts = _number(row[10]) + _number(row[11])
        require(
            lsoa.persons == parts, f"{lsoa.code}: persons {lsoa.persons} != {parts} (household + communal)"
        )
    return lsoas


def read_force_file(path: Path) -> dict[str, tuple[str, str]]:
    """LSOA code -> (LAD code, force name as the file writes it, '' when blank)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return {r["LSOA Code"]: (r["Local authority code"], r["Police_force"].strip()) for r in reader}


def lad_forces_from_file(census: list[Lsoa], force_file: dict[str, tuple[str, str]]) -> dict[str, str]:
    """LAD code -> force id for every LAD the force file names a force for."""
    census_lad = {lsoa.code: lsoa.lad_code for lsoa in census}
    names_by_lad: dict[str, set[str]] = defaultdict(set)
    for lsoa_code, (lad_code, force_name) in force_file.items():
        require(lsoa_code in census_lad, f"{lsoa_code} is in the force file but not in the census file")
        require(census_lad[lsoa_code] == lad_code, f"{lsoa_code}: the two files disagree on its LAD")
        names_by_lad[lad_code].add(force_name)
    english = {lsoa.code for lsoa in census if lsoa.code.startswith("E")}
    require(set(force_file) == english, "the force file must list exactly the English LSOAs")

    mapped: dict[str, str] = {}
    for lad_code, names in names_by_lad.items():
        # A LAD is either wholly blank or wholly one force: never split, never partly blank.
        require(len(names) == 1, f"LAD {lad_code} has LSOAs with several forces {sorted(names)}")
        (name,) = names
        if name:
            force = find_force(name)
            if force is None:
                raise DerivationFailed(f"force file name {name!r} is not a known force")
            mapped[lad_code] = force.id
    return mapped


def derive(census_path: Path, force_path: Path) -> list[ForceFigure]:
    """Population and households per force, in forces.csv order; raises DerivationFailed on any doubt."""
    census = read_census(census_path)
    require(len({lsoa.code for lsoa in census}) == len(census), "an LSOA appears twice in the census file")
    lad_names = {lsoa.lad_code: lsoa.lad_name for lsoa in census}
    name_counts = Counter(lad_names.values())
    require(all(n == 1 for n in name_counts.values()), "LAD names must be unique to key SUPPLEMENT")
    for force_id in SUPPLEMENT.values():
        get_force(force_id)

    from_file = lad_forces_from_file(census, read_force_file(force_path))
    unmapped = {name for code, name in lad_names.items() if code not in from_file}
    missing, spare = sorted(unmapped - set(SUPPLEMENT)), sorted(set(SUPPLEMENT) - unmapped)
    require(
        not missing and not spare,
        f"SUPPLEMENT must list exactly the LADs the file does not map; missing {missing}, not needed {spare}",
    )
    welsh = {lsoa.lad_name for lsoa in census if lsoa.code.startswith("W")}
    require(welsh <= set(SUPPLEMENT), "every Welsh LAD comes from SUPPLEMENT")

    population: Counter[str] = Counter()
    households: Counter[str] = Counter()
    lsoa_count: Counter[str] = Counter()
    lads: dict[str, set[str]] = defaultdict(set)
    mapped_by: dict[str, set[str]] = defaultdict(set)
    for lsoa in census:
        if lsoa.lad_code in from_file:
            force_id, how = from_file[lsoa.lad_code], "file"
        else:
            force_id, how = SUPPLEMENT[lsoa.lad_name], "supplement"
        # An English LSOA must land in an English force, a Welsh one in a Welsh force.
        country = get_force(force_id).country.value
        require(
            lsoa.code[0] == country[0], f"{lsoa.code} ({lsoa.lad_name}) assigned to {force_id} in {country}"
        )
        population[force_id] += lsoa.persons
        households[force_id] += lsoa.households
        lsoa_count[force_id] += 1
        lads[force_id].add(lsoa.lad_code)
        mapped_by[force_id].add(how)

    # Each LSOA was counted once, in exactly one force, and every one of the 43 forces has some.
    require(sum(lsoa_count.values()) == len(census), "every LSOA is assigned to exactly one force")
    ids = [force.id for force in all_forces()]
    require(set(population) == set(ids), f"forces without LSOAs: {sorted(set(ids) - set(population))}")
    file_total = sum(lsoa.persons for lsoa in census)
    require(
        file_total == NATIONAL_TOTAL, f"the census file adds up to {file_total:,}, not {NATIONAL_TOTAL:,}"
    )
    require(sum(population.values()) == file_total, "force totals must add up to the census file's total")
    require(
        sum(households.values()) == sum(lsoa.households for lsoa in census),
        "force households must add up to the census file's total",
    )
    return [
        ForceFigure(
            force_id,
            population[force_id],
            households[force_id],
            lsoa_count[force_id],
            len(lads[force_id]),
            "+".join(sorted(mapped_by[force_id])),
        )
        for force_id in ids
    ]


def render_csv(figures: list[ForceFigure], source: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(POPULATION_HEADER)
    for figure in figures:
        writer.writerow([figure.force_id, YEAR, figure.population, figure.households, source])
    return out.getvalue()


def print_table(figures: list[ForceFigure]) -> None:
    print(f"{'force':<20} {'population':>11} {'households':>11} {'LSOAs':>6} {'LADs':>5}  mapped by")
    for f in figures:
        counts = f"{f.population:>11,} {f.households:>11,} {f.lsoas:>6,} {f.lads:>5}"
        print(f"{f.force_id:<20} {counts}  {f.mapped_by}")
    total_pop = sum(f.population for f in figures)
    total_hh = sum(f.households for f in figures)
    total_lsoas = sum(f.lsoas for f in figures)
    total_lads = sum(f.lads for f in figures)
    print(f"{'total':<20} {total_pop:>11,} {total_hh:>11,} {total_lsoas:>6,} {total_lads:>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="compare with the shipped file instead of writing"
    )
    args = parser.parse_args(argv)

    figures = derive(data_dir() / CENSUS_FILE, data_dir() / FORCE_FILE)
    print_table(figures)
    text = render_csv(figures, source_text())
    if args.check:
        if POPULATION_CSV.read_text(encoding="utf-8") != text:
            print(
                f"{POPULATION_CSV} differs from the derivation; run this script to rebuild it",
                file=sys.stderr,
            )
            return 1
        print(f"{POPULATION_CSV} matches the derivation")
        return 0
    POPULATION_CSV.write_text(text, encoding="utf-8")
    print(f"wrote {POPULATION_CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
