"""probe59 P59-15 (the ASCII console's part): the broadcast ones matrix 𝟙 is written ``ones`` in ASCII, never a
bare ``1``, which reads ``b·𝟙`` as ``b*1`` (= b) and the course's ``𝟙 - Y`` as the number ``1 - Y``."""

import symopt
from symopt import ops
from symopt.ascii_output import transliterated
from symopt.display import graph


def test_a_broadcast_bias_in_ascii():
    X = symopt.Placeholder("X", (2, None))
    w, b = symopt.Variable("w", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    lines = str(graph(ops.sum(ops.bias_add(ops.matmul(w.T, X), b)))).splitlines()
    shown = next(line for line in lines if "𝟙" in line)
    assert transliterated(shown) == shown.replace("b·𝟙", "b*ones").replace("ᵀ", "^T").replace("←", "<-")
    assert "ones" in transliterated(shown) and "*1" not in transliterated(shown)


def test_ones_minus_y_in_ascii():
    assert transliterated("u = 𝟙 - Y") == "u = ones - Y"
    assert transliterated("dw = dp·𝟙") == "dw = dp*ones"
