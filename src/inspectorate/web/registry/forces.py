"""Bringing the shipped force reference data into a workspace's database."""

from __future__ import annotations

from django.db import transaction

from inspectorate.core.forces.population import population_figures
from inspectorate.core.forces.reference import all_forces
from inspectorate.web.registry.models import Force, ForcePopulation


@transaction.atomic
def sync_forces() -> int:
    """Add or refresh the 43 forces and the shipped population figures; return how many forces."""
    forces = all_forces()
    for force in forces:
        Force.objects.update_or_create(
            id=force.id,
            defaults={
                "name": force.name,
                "home_office_name": force.home_office_name,
                "ons_code": force.ons_code,
                "country": str(force.country),
            },
        )
    for figure in population_figures():
        ForcePopulation.objects.update_or_create(
            force_id=figure.force_id,
            year=figure.year,
            defaults={
                "population": figure.population,
                "households": figure.households,
                "source": figure.source,
            },
        )
    return len(forces)
