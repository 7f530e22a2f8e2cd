"""probe16 Z13 (the root sign): on a console without Unicode (PYTHONIOENCODING=ascii, a Windows cp1252 console or
redirect) ``√w`` was written ``sqrtw``: ``1/(2sqrtw)``, ``x/sqrtw + 1/(2sqrtp)``, ``sqrt2w`` for √2·w, which read as a
name ``sqrtw`` and no formula at all.  The root's operand now goes into parentheses as the printer meant it (``√ab`` is
√a·b, ``√w₁`` is √(w₁)).  Oracle: every ASCII gradient line the command line prints is read back by SymPy's own
parser (implicit products, ``^`` as power) and must give the number printed beside it and ``sympy.diff``'s value."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import sympy
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

from symopt.ascii_output import transliterated

READ_BACK = standard_transformations + (convert_xor, implicit_multiplication)
COSTS = [  # (expression as typed, wrt, point)
    ("sqrt(w) + sqrt(w + 1)", ["w"], {"w": 3.0}),
    ("sqrt(2)*w**3", ["w"], {"w": 1.5}),
    ("sqrt(w1**2 + w2**2)", ["w1", "w2"], {"w1": 3.0, "w2": 4.0}),
    ("sqrt(w1)*w2 + w1/sqrt(w2)", ["w1", "w2"], {"w1": 2.0, "w2": 5.0}),
]


def _console(encoding: str, *argv: str) -> str:
    done = subprocess.run([sys.executable, "-m", "symopt", *argv], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")  # never a UnicodeEncodeError
    return done.stdout.decode(encoding).replace("\r\n", "\n")


def _read_back(formula: str, point: dict) -> float:
    formula = formula.translate({ord("¹"): "^1", ord("²"): "^2", ord("³"): "^3", ord("·"): "*"})  # cp1252 has these
    names = {name.replace("1", "_1").replace("2", "_2"): sympy.Symbol(name) for name in point}
    expression = parse_expr(formula, local_dict=names, transformations=READ_BACK)
    return float(expression.subs({sympy.Symbol(k): v for k, v in point.items()}))


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("typed, wrt, point", COSTS, ids=[c[0] for c in COSTS])
def test_the_gradient_printed_in_ascii_reads_back_as_the_right_formula(encoding, typed, wrt, point):
    at = ",".join(f"{name}={value}" for name, value in point.items())
    output = _console(encoding, "derive", typed, "--wrt", ",".join(wrt), "--at", at)
    gradient = output.split("gradient\n", 1)[1]
    cost = sympy.sympify(typed, locals={name: sympy.Symbol(name) for name in point})
    for name in wrt:
        label = "dJ/d" + name.replace("1", "_1").replace("2", "_2")
        line = next(line for line in gradient.splitlines() if line.strip().startswith(label + " = "))
        formula, shown = line.split(" = ")[1:]
        assert "sqrt" in formula and re.search(r"sqrt[^(]", formula) is None, line  # sqrt(...) always
        exact = float(sympy.diff(cost, sympy.Symbol(name)).subs({sympy.Symbol(k): v for k, v in point.items()}))
        assert _read_back(formula, point) == pytest.approx(exact, rel=1e-12), line
        assert float(shown) == pytest.approx(exact, rel=1e-5), line


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_graph_node_with_a_root(encoding):
    output = _console(encoding, "graph", "sqrt(a)*b/c", "--at", "a=4,b=1,c=2")
    assert "u = sqrt(a) = 2, dJ/du = 0.5  <- a" in output.splitlines()


@pytest.mark.parametrize("unicode, ascii", [
    ("√w", "sqrt(w)"), ("1/(2√w)", "1/(2sqrt(w))"), ("√ab", "sqrt(a)b"), ("2√x₁y", "2sqrt(x_1)y"),
    ("√w²", "sqrt(w^2)"), ("√2w", "sqrt(2)w"), ("√(w + 1)", "sqrt(w + 1)"), ("√w√x", "sqrt(w)sqrt(x)"),
    ("√λ", "sqrt(lambda)"), ("√1.5", "sqrt(1.5)")])
def test_a_root_as_the_printer_meant_it(unicode, ascii):
    """The printer writes √ without parentheses before a number or one letter with its scripts only
    (notation._print_Pow): √ab is √a·b, √w² is √(w²)."""
    assert transliterated(unicode) == ascii


def test_the_root_operand_knows_every_script_glyph_the_printer_writes():
    from symopt.ascii_output import SCRIPTS
    from symopt.display.glyphs import SCRIPT_GLYPHS
    assert SCRIPT_GLYPHS <= set(SCRIPTS)
    assert "?" not in transliterated("".join(sorted(SCRIPT_GLYPHS)))


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_the_error_handler_alone_takes_the_operand(encoding):
    """str.encode(..., errors=HANDLER) without the console stream: the handler sees only the root sign, and takes
    its operand with it."""
    from symopt.ascii_output import HANDLER
    assert "1/(2√w) + x/√ab".encode(encoding, errors=HANDLER).decode(encoding) == "1/(2sqrt(w)) + x/sqrt(a)b"
