"""Each force's local policing body, by default name: whom a force answers to locally.

Since 2012 most police areas elect a Police and Crime Commissioner; a few have a Police, Fire and
Crime Commissioner, who also oversees the fire and rescue service; in London the Mayor's Office for
Policing and Crime stands in that place for the Metropolitan Police Service, and the Common Council
of the City of London is the police authority of the City; some combined authorities' mayors hold
the commissioner's functions. Before 2012 each force had a police authority (as in the 2006
baseline assessments). These names are defaults only: a person's record keeps the name its staff
type, which may be the body's own or an earlier one.
"""

from __future__ import annotations

from inspectorate.core.forces.reference import get_force

INSPECTORATE_NAME = "HM Inspectorate of Constabulary and Fire & Rescue Services"

# Where the body is not a Police and Crime Commissioner for the force's area.
_NAMED: dict[str, str] = {
    "metropolitan": "Mayor's Office for Policing and Crime",
    "city-of-london": "Common Council of the City of London",
    "greater-manchester": "Mayor of Greater Manchester",
    "west-yorkshire": "Mayor of West Yorkshire",
    "south-yorkshire": "Mayor of South Yorkshire",
    "north-yorkshire": "Mayor of York and North Yorkshire",
    "essex": "Police, Fire and Crime Commissioner for Essex",
    "northamptonshire": "Police, Fire and Crime Commissioner for Northamptonshire",
    "staffordshire": "Police, Fire and Crime Commissioner for Staffordshire",
    "cumbria": "Police, Fire and Crime Commissioner for Cumbria",
}


def policing_body_name(force_id: str) -> str:
    """The default name of the local policing body of a force (by police.uk id)."""
    if force_id in _NAMED:
        return _NAMED[force_id]
    return f"Police and Crime Commissioner for {get_force(force_id).home_office_name}"
