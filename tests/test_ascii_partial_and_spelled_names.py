"""ASCII/cp1252 output (probe29 P29-9): ``∂J/∂w`` was written ``dJ/dw``, so the lecture's line read
``dJ/dw = dJ/du * du/dw + dJ/dw``; a Greek name spelled out ran into the next factor (``alphawx``, ``sigmau``,
``beta_1w``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from symopt.ascii_output import transliterated, whole_runs


def _console(encoding: str, *argv: str) -> list[str]:
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run([sys.executable, "-m", "symopt", *argv], capture_output=True, env=environment, check=True)
    return done.stdout.decode(encoding).splitlines()


@pytest.mark.parametrize("text, ascii_text", [
    ("dJ/dw = dJ/du · du/dw + ∂J/∂w", "dJ/dw = dJ/du * du/dw + partial J/partial w"),
    ("αwx", "alpha*wx"), ("σu", "sigma*u"), ("β₁w", "beta_1*w"), ("λw", "lambda*w"), ("λ(w - 1)", "lambda*(w - 1)"),
    ("w₁x₁ + w₂x₂", "w_1*x_1 + w_2*x_2"), ("α²w", "alpha^2*w"), ("αβ", "alpha*beta"),
    ("σ(σ(w))", "sigma(sigma(w))"), ("1/(2√(w + 1))", "1/(2sqrt(w + 1))"), ("λ_", "lambda_"), ("w₁′", "w_1'"),
    ("w²⁰", "w^20"), ("20w¹⁹", "20w^19"), ("x₁₂ + σ(u)", "x_12 + sigma(u)"),
])
def test_transliterated(text, ascii_text):
    assert transliterated(text) == ascii_text


def test_the_character_after_a_run_decides_the_separator():
    """The codec's handler sees only what it cannot encode: the factor after it is passed along."""
    assert transliterated("α", "w") == "alpha*" and transliterated("α", " ") == "alpha"
    assert whole_runs("w₁x", "cp1252") == "w_1*x"


def test_the_lecture_derivation_on_an_ascii_console():
    lines = _console("ascii", "derive", "w**2 - 10*w + 25", "--wrt", "w", "--at", "w=0")
    assert "  dJ/dw = dJ/du * du/dw + partial J/partial w = 2w - 10 = -10" in lines


def test_greek_names_on_a_cp1252_console():
    lines = _console("cp1252", "derive", "w**2 - 10*w + 25 + alpha*w*x", "--wrt", "w", "--at", "w=0,alpha=1,x=1")
    assert "  u = alpha*wx = 0" in lines
    assert "  dJ/dw = alpha*x + 2w - 10 = -9" in lines
    assert "  dJ/dw = dJ/du · du/dw + dJ/dv · dv/dw + partial J/partial w = alpha*x + 2w - 10 = -9" in lines
    assert _console("ascii", "graph", "alpha*w*x", "--at", "alpha=2,w=1,x=3")[-1] == "J = alpha*wx = 6  <- alpha, w, x"


def test_sigma_beside_the_sigmoid_on_an_ascii_console():
    lines = _console("ascii", "derive", "sigma*sigmoid(w) + sigma", "--wrt", "w,sigma", "--at", "w=0,sigma=2")
    assert lines[-2:] == ["  dJ/dw = sigma*(1 - sigma(w))*sigma(w) = 0.5", "  dJ/dsigma = 1 + sigma(w) = 1.5"]
    assert "  dJ/dsigma = dJ/dv * dv/dsigma + partial J/partial sigma = u + 1 = 1.5" in lines
