"""probe78 P78-7: every ``symopt.<name>`` that symopt's own message strings tell the user to call resolves (the
"run is diverging" advice named ``symopt.stable_step_size`` and a CheckpointError ``symopt.save_checkpoint``, neither
of which exists), and ``stable_step_size`` at a point where the Hessian is not finite says so instead of returning
``inf`` ("any step is stable").

Oracles: Python's import system and ``getattr`` (does the name resolve?); sympy.diff for the Hessian at the point
(``d²/dw² sqrt(w) = -w**(-3/2)/4`` and ``d²/dw² log(w) = -1/w**2``, both -inf at w = 0)."""

import ast
import importlib
import pathlib
import re

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import CheckpointError, DomainError
from symopt.second_order import stable_step_size

PACKAGE = pathlib.Path(symopt.__file__).parent
NAME = re.compile(r"(?<![\w.~])symopt(?:\.[A-Za-z_]\w*)+")


def docstrings(tree) -> set:
    """The ids of the docstring nodes of ``tree``'s module, classes and functions (they describe, not advise)."""
    owners = [node for node in ast.walk(tree)
              if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)]
    return {id(owner.body[0].value) for owner in owners if owner.body and isinstance(owner.body[0], ast.Expr)}


def names_in_messages() -> dict:
    """``{symopt.x.y: file}`` for every dotted symopt name in a string literal of the package, docstrings aside."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
                for name in NAME.findall(node.value):
                    found.setdefault(name, path.name)
    return found


def resolves(name: str) -> bool:
    """Whether ``name`` is an importable module or an attribute reached from its longest importable prefix."""
    parts = name.split(".")
    for length in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:length]))
        except ImportError:
            continue
        for part in parts[length:]:
            if not hasattr(target, part):
                return False
            target = getattr(target, part)
        return True
    return False


def test_every_symopt_name_in_a_message_resolves():
    found = names_in_messages()
    assert len(found) > 40  # the scan reads the package's strings
    assert "symopt.second_order.stable_step_size" in found and "symopt.checkpoint.save_checkpoint" in found
    missing = {name: where for name, where in found.items() if not resolves(name)}
    assert missing == {}


def test_diverging_run_names_a_function_that_exists():
    w = symopt.Variable("w", 1.0)
    result = symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(1.5), steps=30)  # |1 - 2*1.5| = 2 per step
    assert "diverging" in result.message
    for name in NAME.findall(result.message):
        assert resolves(name), name


def test_missing_checkpoint_names_a_function_that_exists(tmp_path):
    w = symopt.Variable("w", 1.0)
    with pytest.raises(CheckpointError) as caught:
        symopt.minimize(w ** 2, w, steps=1, resume_from=tmp_path / "missing.npz")
    names = NAME.findall(str(caught.value))
    assert names and all(resolves(name) for name in names)


@pytest.mark.parametrize("cost", [sympy.sqrt, sympy.log])
def test_stable_step_size_refuses_a_hessian_that_is_not_finite(cost):
    w = symopt.Variable("w", 1.0)
    x = sympy.Symbol("x", positive=True)
    assert sympy.limit(sympy.diff(cost(x), x, 2), x, 0, "+") == -sympy.oo  # the oracle: no finite curvature at 0
    with pytest.raises(DomainError, match="Hessian is finite; given w = 0, where it holds -inf"):
        stable_step_size(cost(w), [w], {w: 0.0})
    assert np.isclose(stable_step_size(w ** 2, [w], {w: 0.0}), 1.0)  # 2/λ with λ = d²(w²)/dw² = 2
