"""``symopt demo``: the lecture, walked through in the terminal."""

from __future__ import annotations

import numpy as np
import sympy

from .calculus import grad
from .fused import compile_step
from .minimize import minimize
from .optimizers import Adam, GradientDescent
from .symbols import Placeholder, Variable

__all__ = ["run_demo"]


def run_demo(print_line=print) -> None:
    """Minimize the lecture's :math:`J(w) = w^2 - 10w + 25` the way TF1 did, then with Adam."""
    w = Variable("w", 0.0, dtype="float32")
    cost = w**2 - 10 * w + 25
    print_line("symopt demo: the TensorFlow lecture (course 2, week 3, 3.11)")
    print_line("")
    print_line(f"cost        J(w) = {cost}   (= {sympy.factor(cost)})")
    print_line(f"gradient    dJ/dw = {grad(cost, w)}")
    print_line("")
    print_line("gradient descent, learning rate 0.01, float32 (TF1's arithmetic):")
    first = minimize(cost, w, optimizer=GradientDescent(0.01), steps=1)
    print_line(f"  w after 0 steps:    {np.float32(0.0)}")
    print_line(f"  w after 1 step:     {first[w]!s}")
    final = minimize(cost, w, optimizer=GradientDescent(0.01), steps=1001)
    print_line(f"  w after 1001 steps: {final[w]!s}   (TensorFlow 1.x printed 4.9999886)")
    print_line("")
    x = Placeholder("x", shape=(3, 1), dtype="float32")
    data_cost = x[0, 0] * w**2 + x[1, 0] * w + x[2, 0]
    print_line(f"with a placeholder x (feed_dict): J = {data_cost}")
    for coefficients in ([[1.0], [-10.0], [25.0]], [[1.0], [-20.0], [100.0]]):
        result = minimize(data_cost, w, data={x: np.array(coefficients)}, optimizer=GradientDescent(0.01),
                          steps=1001)
        print_line(f"  x = {np.array(coefficients).ravel().tolist()}: w = {result[w]!s}")
    print_line("")
    adam = minimize(cost, w, optimizer=Adam(0.1), steps=1000)
    print_line(f"swap in Adam(0.1), 1000 steps: w = {adam[w]!s}   (TensorFlow 1.x printed 5.000001)")
    print_line("")
    print_line("the generated step (cost, gradient and Adam's update fused into one function):")
    step = compile_step(cost, [w], Adam(0.1), [], dtype="float32")
    for line in step.step.source.splitlines():
        print_line("  " + line)
