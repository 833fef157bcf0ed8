"""Hostile inputs the probe of issue 15 sent, shared by the tests of the readers they broke."""

from __future__ import annotations

# An alias bomb of the probe's 509 bytes: nine levels of nine aliases, 14 * 9**8 strings expanded.
_LOL = '"lol"'
_LEVELS = f"a: &a [{','.join([_LOL] * 14)}]\n" + "".join(
    f"{name}: &{name} [{','.join(f'*{previous}' for _ in range(9))}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
_PADDING = 509 - len(_LEVELS) - len("# \n")
ALIAS_BOMB = _LEVELS + "# " + ("lol " * _PADDING)[:_PADDING] + "\n"
