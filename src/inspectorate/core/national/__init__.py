"""The national picture: every force's figures from the official national tables.

Readers (`readers/`) take the ONS and Home Office tables as published and give `NationalFigure`s,
each keeping the edition and the cell it came from (`figures.py`). A later edition supersedes an
earlier one for the same figure and both stay visible (`editions.py`). The comparisons across the
43 forces (rates, the England and Wales figure computed from all forces, rank, change, outliers as
the inspectorate's 2021/22 methodology defines them) are in `compare.py` and `outliers.py`.
"""
