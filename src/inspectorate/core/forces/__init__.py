"""The 43 territorial police forces: reference data, population, most similar groups."""

from inspectorate.core.forces.peer_groups import (
    PeerGroupTable,
    peer_groups_csv_template,
    read_peer_groups_csv,
    weighted_average,
    write_peer_groups_csv,
)
from inspectorate.core.forces.population import PopulationFigure, population_figures, population_of
from inspectorate.core.forces.reference import (
    Country,
    Force,
    ForceNotFound,
    all_forces,
    find_force,
    force_ids,
    get_force,
    normalise_name,
)

__all__ = [
    "Country",
    "Force",
    "ForceNotFound",
    "PeerGroupTable",
    "PopulationFigure",
    "all_forces",
    "find_force",
    "force_ids",
    "get_force",
    "normalise_name",
    "peer_groups_csv_template",
    "population_figures",
    "population_of",
    "read_peer_groups_csv",
    "weighted_average",
    "write_peer_groups_csv",
]
