"""probe64 P64-2: docs/display.md says what ``step`` of NaN is: 0, as TF1's relu gradient (tf.gradients of
relu(log w) at w = -1 is -0.0), not NaN as it said. Oracle: TF1's value, and symopt's evaluate and derive."""
import pathlib

import sympy

import symopt
from symopt.display import derive
from symopt.functions import relu, step

DOC = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "display.md").read_text()


def test_step_of_nan_is_zero_as_the_display_doc_says():
    w = sympy.Symbol("w")
    assert symopt.evaluate(step(w), {w: float("nan")}) == 0.0
    assert "dJ/dv = step(v) = 0" in str(derive(relu(sympy.Max(sympy.sqrt(w), 1)), w, at={w: -1}))
    paragraph = " ".join(DOC.split())
    assert "`step` of NaN is 0" in paragraph and "`step`, `leaky_relu` and symopt's other functions of NaN are NaN" \
        not in paragraph


def test_a_zero_slope_read_from_an_undefined_value_says_why():
    w = sympy.Symbol("w")
    shown = str(derive(relu(sympy.Max(sympy.sqrt(w), 1)), w, at={w: -1})).splitlines()
    assert shown[4] == "backward (step(v) of an undefined v is 0, as in the code (TF1's relu and leaky_relu gradients))"
    assert str(derive(relu(w - 1), w, at={w: 3})).splitlines()[3] == "backward"  # a defined v: no remark
