"""A space inside an option's list beside a quoted expression (``--at w=1 b=2``, ``--wrt w b``, ``--steps 10 5``) or
an unknown short flag (``-v``) is not blamed on the expression (final41c F41c-5): the stray item is named as it is,
never folded into a suggested cost (``"w^2 + b b"`` would be a different cost that parses)."""

from __future__ import annotations

import pytest

from symopt.cli import main


@pytest.mark.parametrize("argv, stray", [
    (["derive", "w^2 + b", "--wrt", "w", "--at", "w=1", "b=2"], "b=2"),
    (["derive", "w^2 + b", "--wrt", "w", "b", "--at", "w=1,b=2"], "b"),
    (["minimize", "w^2", "--wrt", "w=1", "--steps", "10", "5"], "5"),
    (["minimize", "w^2", "--wrt", "w=1", "-v"], "-v"),
    (["derive", "w^2", "--wrt", "w", "-q"], "-q"),
])
def test_a_stray_option_item_is_named_as_typed(capsys, argv, stray):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(f"symopt: error: unrecognized arguments: {stray}\n") and "Quote it" not in err
