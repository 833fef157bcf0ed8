"""Most similar groups: reading and checking a force,peers CSV, the template, and weighted averages.

The peer lists here are synthetic, made up to exercise the reader; they are not the Home Office groups.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.forces import (
    PeerGroupTable,
    force_ids,
    peer_groups_csv_template,
    read_peer_groups_csv,
    weighted_average,
    write_peer_groups_csv,
)
from inspectorate.core.problems import Problem, ProblemsError

FILE = "msg.csv"


def problems_in(text: str | bytes) -> tuple[Problem, ...]:
    with pytest.raises(ProblemsError) as caught:
        read_peer_groups_csv(text, FILE)
    return caught.value.problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_in(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_file_reads_as_ordered_peers_with_blank_rows_unfilled() -> None:
    text = "force,peers\nessex,kent;hertfordshire ; sussex\n\nkent,essex;sussex;\nwiltshire,\n"
    groups = read_peer_groups_csv(text, FILE)
    assert groups == {
        "essex": ("kent", "hertfordshire", "sussex"),
        "kent": ("essex", "sussex"),
        "wiltshire": (),
    }
    assert list(groups) == ["essex", "kent", "wiltshire"]


def test_a_file_with_a_byte_order_mark_and_crlf_line_ends_reads() -> None:
    data = "\ufeffforce,peers\r\nkent,essex\r\n".encode()
    assert read_peer_groups_csv(data, FILE) == {"kent": ("essex",)}


def test_a_header_only_file_is_an_empty_table() -> None:
    assert read_peer_groups_csv("force,peers\n", FILE) == {}


def test_reading_a_path_names_the_path_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "groups.csv"
    path.write_text("force,peers\nnowhere,kent\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_peer_groups_csv(path)
    assert caught.value.problems == (Problem(str(path), 2, "force", "unknown force id 'nowhere'"),)


def test_wrong_header_names_the_expected_header() -> None:
    problem = only_problem("Force,Peer\nkent,essex\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 1, "header")
    assert "'force,peers'" in problem.message
    assert "'Force,Peer'" in problem.message


def test_unknown_force_id_is_located_and_suggests_the_id() -> None:
    problem = only_problem("force,peers\nkent,essex\nDevon & Cornwall,dorset\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 3, "force")
    assert "unknown force id 'Devon & Cornwall'" in problem.message
    assert "did you mean 'devon-and-cornwall'" in problem.message


def test_unknown_peer_id_is_located() -> None:
    problem = only_problem("force,peers\nkent,essex;atlantis\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 2, "peers")
    assert "unknown peer id 'atlantis'" in problem.message


def test_force_listed_as_its_own_peer() -> None:
    problem = only_problem("force,peers\nkent,essex;kent\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 2, "peers")
    assert "'kent' is listed as its own peer" in problem.message


def test_duplicate_force_row_points_back_to_the_first() -> None:
    problem = only_problem("force,peers\nkent,essex\nsurrey,sussex\nkent,sussex\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 4, "force")
    assert "force 'kent' already has a row on line 2" in problem.message


def test_duplicate_peer_within_a_row() -> None:
    problem = only_problem("force,peers\nkent,essex;sussex;essex\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 2, "peers")
    assert "peer 'essex' is listed twice" in problem.message


def test_more_than_seven_peers() -> None:
    eight = "essex;sussex;surrey;hampshire;hertfordshire;thames-valley;suffolk;norfolk"
    problem = only_problem(f"force,peers\nkent,{eight}\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 2, "peers")
    assert "at most 7 peers, found 8" in problem.message


def test_exactly_seven_peers_is_allowed() -> None:
    seven = "essex;sussex;surrey;hampshire;hertfordshire;thames-valley;suffolk"
    assert len(read_peer_groups_csv(f"force,peers\nkent,{seven}\n", FILE)["kent"]) == 7


def test_peers_separated_by_commas_are_a_column_count_problem_with_a_hint() -> None:
    problem = only_problem("force,peers\nkent,essex,sussex\n")
    assert (problem.file, problem.line, problem.path) == (FILE, 2, "row")
    assert "found 3" in problem.message
    assert "';'" in problem.message


def test_non_utf8_input_is_one_problem_naming_the_file() -> None:
    data = b"force,peers\nkent,essex\n" + b"\xff\xfe,kent\n"
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.path) == (FILE, None, "")
    assert "not UTF-8" in problem.message


def test_non_utf8_file_on_disk_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("force,peers\nkent,\u00e9ssex\n".encode("latin-1"))
    with pytest.raises(ProblemsError) as caught:
        read_peer_groups_csv(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize("text", ["", "   \n\n", b""])
def test_empty_file(text: str | bytes) -> None:
    problem = only_problem(text)
    assert (problem.file, problem.line) == (FILE, None)
    assert "empty" in problem.message
    assert "'force,peers'" in problem.message


def test_several_problems_are_reported_together_in_line_order() -> None:
    text = (
        "force,peers\n"
        "kent,essex;kent\n"  # line 2: own peer
        "narnia,essex\n"  # line 3: unknown force
        "essex,sussex;sussex;gondor\n"  # line 4: duplicate peer and unknown peer
        "kent,surrey\n"  # line 5: duplicate force
    )
    problems = problems_in(text)
    assert [(p.line, p.path) for p in problems] == [
        (2, "peers"),
        (3, "force"),
        (4, "peers"),
        (4, "peers"),
        (5, "force"),
    ]
    messages = " | ".join(p.message for p in problems)
    for fragment in (
        "own peer",
        "unknown force id 'narnia'",
        "unknown peer id 'gondor'",
        "listed twice",
        "line 2",
    ):
        assert fragment in messages
    assert all(p.file == FILE for p in problems)


def test_template_has_a_blank_row_for_each_of_the_43_forces() -> None:
    template = peer_groups_csv_template()
    lines = template.splitlines()
    assert lines[0] == "force,peers"
    assert len(lines) == 44
    assert lines[1:] == [f"{force_id}," for force_id in force_ids()]
    groups = read_peer_groups_csv(template, "template.csv")
    assert list(groups) == list(force_ids())
    assert all(peers == () for peers in groups.values())


def test_write_then_read_gives_back_the_same_groups() -> None:
    groups = {
        "west-yorkshire": ("greater-manchester", "west-midlands", "merseyside"),
        "gwent": ("south-wales",),
        "dorset": (),
    }
    assert read_peer_groups_csv(write_peer_groups_csv(groups), FILE) == groups


def test_write_refuses_groups_that_would_not_read_back() -> None:
    with pytest.raises(ProblemsError, match=r"peers\[kent\]: 'kent' is listed as its own peer"):
        write_peer_groups_csv({"kent": ["kent"]})


def test_peer_group_table_keeps_its_source_and_is_read_only() -> None:
    table = PeerGroupTable.from_csv(
        "force,peers\nkent,essex;sussex\nsurrey,\n",
        label="Synthetic test groups",
        source="made up for this test",
        source_date=date(2021, 1, 1),
    )
    assert table.peers_of("kent") == ("essex", "sussex")
    assert table.peers_of("surrey") is None
    assert table.peers_of("wiltshire") is None
    assert table.source_date == date(2021, 1, 1)
    with pytest.raises(TypeError):
        table.groups["kent"] = ()  # type: ignore[index]


def test_peer_group_table_checks_groups_given_in_code() -> None:
    with pytest.raises(ProblemsError, match="unknown peer id 'atlantis'"):
        PeerGroupTable(label="x", source="y", groups={"kent": ("atlantis",)})


def test_weighted_average_matches_a_hand_computed_value() -> None:
    # Rates per 1,000 weighted by population: (10*100 + 20*300 + 40*600) / 1000 = 31.0,
    # where a simple average would give 23.33.
    rates = {"kent": 10.0, "essex": 20.0, "sussex": 40.0, "surrey": 99.0}
    population = {"kent": 100.0, "essex": 300.0, "sussex": 600.0, "surrey": 5.0}
    result = weighted_average(rates, population, ["kent", "essex", "sussex"])
    assert result is not None
    assert math.isclose(result, 31.0)


def test_weighted_average_of_rates_equals_total_count_over_total_population() -> None:
    crimes = {"a": 1_234.0, "b": 56_789.0}
    people = {"a": 150_000.0, "b": 2_500_000.0}
    rates = {k: crimes[k] / people[k] * 1000 for k in crimes}
    result = weighted_average(rates, people, ["a", "b"])
    assert result is not None
    assert math.isclose(result, (1_234 + 56_789) / (150_000 + 2_500_000) * 1000)


@pytest.mark.parametrize(
    ("values", "weights", "members"),
    [
        ({"a": 1.0}, {"a": 1.0, "b": 1.0}, ["a", "b"]),  # b has no value
        ({"a": 1.0, "b": 2.0}, {"a": 1.0}, ["a", "b"]),  # b has no weight
        ({"a": 1.0, "b": math.nan}, {"a": 1.0, "b": 1.0}, ["a", "b"]),  # b's value is not a number
        ({"a": 1.0}, {"a": 0.0}, ["a"]),  # weights add up to zero
        ({"a": 1.0}, {"a": 1.0}, []),  # no members
    ],
)
def test_weighted_average_is_none_when_it_cannot_be_known(
    values: dict[str, float], weights: dict[str, float], members: list[str]
) -> None:
    assert weighted_average(values, weights, members) is None


def test_weighted_average_rejects_negative_weights_and_repeated_members() -> None:
    with pytest.raises(ValueError, match="negative weight"):
        weighted_average({"a": 1.0}, {"a": -1.0}, ["a"])
    with pytest.raises(ValueError, match="twice"):
        weighted_average({"a": 1.0}, {"a": 1.0}, ["a", "a"])


def test_peer_group_table_survives_a_json_round_trip() -> None:
    table = PeerGroupTable(
        label="Synthetic", source="made up", source_date=date(2021, 3, 1), groups={"kent": ("essex",)}
    )
    again = PeerGroupTable.model_validate_json(table.model_dump_json())
    assert again == table
    assert again.peers_of("kent") == ("essex",)
