"""What the web tests send to and read from the site's GOV.UK date input (web/pages/forms.py): boxes
named NAME_day, NAME_month and NAME_year, the day box carrying the field's id."""

from __future__ import annotations

import datetime


def date_fields(name: str, value: str | datetime.date) -> dict[str, str]:
    """A date as a GOV.UK date input sends it: NAME_day, NAME_month and NAME_year ("2021-01-05" or a
    date gives 5, 1, 2021)."""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def typed_date(name: str, day: str, month: str, year: str) -> dict[str, str]:
    """A date input's boxes as a person may fill them: blank, impossible or not numbers at all."""
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
