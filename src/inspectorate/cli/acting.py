"""Who acts: the `--as USERNAME` of every command that changes an inspection. The rules of what they
may do are the web app's services' (the same as the pages'); this only finds the person, active."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AsOption = Annotated[
    str, typer.Option("--as", metavar="USERNAME", help="Who acts (a username): the audit trail names them.")
]


def acting_user(username: str, option: str = "--as") -> User:
    """The active person with this username; one located line otherwise."""
    from django.contrib.auth.models import User

    found = User.objects.filter(username=username).first()
    if found is None:
        raise InputError(f"{option}: no user {username!r} in this workspace (see `inspectorate users list`)")
    if not found.is_active:
        raise InputError(f"{option}: {username} is deactivated")
    return found
