"""Self-defined ethnicity in both police.uk census schemes, mapped to five groups in DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from inspectorate.core.indicators import ethnic_group_sql

SCHEME_2001 = [
    ("White - White British (W1)", "White"),
    ("White - White Irish (W2)", "White"),
    ("White - Any other White background (W9)", "White"),
    ("Mixed - White and Black Caribbean (M1)", "Mixed"),
    ("Mixed - White and Asian (M3)", "Mixed"),
    ("Asian or Asian British - Indian (A1)", "Asian"),
    ("Asian or Asian British - Bangladeshi (A3)", "Asian"),
    ("Black or Black British - Caribbean (B1)", "Black"),
    ("Black or Black British - African (B2)", "Black"),
    ("Other Ethnic Group - Chinese (O1)", "Other"),
    ("Other Ethnic Group - Any other ethnic group (O9)", "Other"),
    ("Not Stated (NS)", None),
]

SCHEME_2011 = [
    ("White - English/Welsh/Scottish/Northern Irish/British", "White"),
    ("White - Gypsy or Irish Traveller", "White"),
    ("Mixed/Multiple ethnic groups - White and Asian", "Mixed"),
    ("Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", "Mixed"),
    ("Asian/Asian British - Pakistani", "Asian"),
    # Chinese is an Asian group in the 2011 scheme (and Other in the 2001 one).
    ("Asian/Asian British - Chinese", "Asian"),
    ("Black/African/Caribbean/Black British - African", "Black"),
    ("Black/African/Caribbean/Black British - Any other Black/African/Caribbean background", "Black"),
    ("Other ethnic group - Arab", "Other"),
    ("Other ethnic group - Any other ethnic group", "Other"),
    ("Other ethnic group - Not stated", None),
]

ODDITIES = [(None, None), ("", None), ("  white - irish ", "White"), ("Unknown", None)]


@pytest.mark.parametrize(("value", "group"), SCHEME_2001 + SCHEME_2011 + ODDITIES)
def test_self_defined_ethnicity_maps_to_its_group(value: str | None, group: str | None) -> None:
    con = duckdb.connect()
    sql = f"SELECT {ethnic_group_sql('v')} FROM (SELECT CAST(? AS VARCHAR) AS v)"
    assert con.execute(sql, [value]).fetchall() == [(group,)]


def test_a_whole_column_maps_in_one_query() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE searches (ethnicity VARCHAR)")
    con.executemany("INSERT INTO searches VALUES (?)", [(value,) for value, _ in SCHEME_2001 + SCHEME_2011])
    group = ethnic_group_sql("ethnicity")
    sql = f"SELECT {group} AS g, count(*) FROM searches GROUP BY g ORDER BY g NULLS LAST"
    found = con.execute(sql).fetchall()
    assert found == [("Asian", 4), ("Black", 4), ("Mixed", 4), ("Other", 4), ("White", 5), (None, 2)]
