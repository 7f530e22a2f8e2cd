"""Compile time against model size: does size ever decide?

    python benchmarks/compile.py [--ks 10 20 40 80 160 320] [--depths 2 4 8 16 32 64] [--repeats 3]

1. K nested sigmoids, :math:`x_{k+1} = \\sigma(w_k x_k + b_k)`, cost :math:`x_K` (SymPy itself recurses
   past K ~ 100 when such a chain is squared or logged: ``(x_K - 1/2)**2`` raises RecursionError in
   SymPy's assumption queries before symopt sees it),
   2K scalar parameters: ``symopt.grad`` + ``symopt.compile`` (fresh symbols, no cache hit).
   Also the compile pipeline alone (program + generated code, the gradient computed beforehand).
2. MLPs of depth d (width 8, tanh, batch dimension m): ``symopt.compile`` of the mean squared error.
3. Build time of the depth-d MLP expression alone (``X @ W`` products), for the compile depths and for deep
   networks (``--build-depths``, up to 1000 layers): each layer's shape is found once and kept on its node
   (:func:`symopt.operators.matrix_shape`), so the growth exponent is ~1 (it was ~2: 1000 layers took 38 s).
4. Scalar recurrences (``--recurrence-sizes``), the shapes where size still decides (probe93): compile seconds,
   generated source size and the per-call time against a hand-written Python reverse-mode loop of the same math,
   with the growth exponents of each.  ``tied chain``: :math:`e_{k+1} = x/(1 + e_k^2) + w`, one parameter reused
   at every level (P93-2: the adjoint is a sum of N path products, O(N^2) code); ``Euler``: logistic growth
   :math:`h_{t+1} = h_t + \\Delta t\\, r h_t (1 - h_t/K)`, cost :math:`\\sum_t (h_t - o_t)^2` (P93-1: each
   :math:`h_t` is an Add of O(t) terms written out in full, O(T^2) code); ``thresholds``: N terms
   ``Piecewise((w**2 x, w > k/N), (w x, True))`` (P93-3: linear since the half-line conditions skip SymPy's
   solver).  The same recurrences written on (1, 1) matrices (``ops.hadamard``, ``ops.power``) stay linear, as
   does the matrix form of a recurrence (an RNN with shared ``U, W``).

Each row: median seconds of ``--repeats`` runs; the growth exponent between consecutive rows is
:math:`\\log(t_2/t_1)/\\log(n_2/n_1)` (1 = linear).  Issue targets: K = 40 in <= 0.5 s, K = 160 without
error and <= 4x the K = 40 time.  This is a script, not a test: timed assertions do not belong in tests/.
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import sympy  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.compiler import CACHE, compile_expressions, free_inputs  # noqa: E402
from symopt.traversal import unique_nodes  # noqa: E402


def nested_sigmoids(depth: int):
    """The cost and its 2K parameters."""
    x = symopt.Placeholder("x")
    parameters = []
    value = x
    for k in range(depth):
        w, b = symopt.Variable(f"w{k}", 0.5), symopt.Variable(f"b{k}", 0.0)
        parameters += [w, b]
        value = symopt.sigmoid(w * value + b)
    return value, parameters


def mlp(depth: int, width: int = 8):
    """A tanh network ``depth`` layers deep; returns the cost and its parameters."""
    X = symopt.Placeholder("X", (None, width))
    Y = symopt.Placeholder("Y", (None, 1))
    parameters, hidden = [], X
    for layer in range(depth):
        out = 1 if layer == depth - 1 else width
        W = symopt.Variable(f"W{layer}", np.zeros((width, out)))
        b = symopt.Variable(f"b{layer}", np.zeros((1, out)))
        parameters += [W, b]
        hidden = ops.bias_add(hidden @ W, b)
        if layer < depth - 1:
            hidden = ops.tanh(hidden)
    return ops.mean(ops.square(hidden - Y)), parameters


def _median_seconds(work, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _grad_and_compile(build):
    def work():
        cost, parameters = build()
        symopt.grad(cost, parameters)
        symopt.compile(cost, parameters)
    return work


def _timed_rows(sizes, work_for, repeats: int) -> list:
    """Seconds per size; a size that raises ends the table with the error's name (larger ones would too)."""
    seconds = []
    for size in sizes:
        try:
            seconds.append(_median_seconds(work_for(size), repeats))
        except RecursionError as error:
            seconds.append(f"{type(error).__name__}")
            break
    return seconds


def _program_and_code(build):
    """Only symopt's compile pipeline (program + generated code), the gradient computed beforehand."""
    cost, parameters = build()
    gradients = symopt.grad(cost, parameters)
    inputs = free_inputs([cost])

    def work():
        CACHE.clear()
        compile_expressions([cost] + gradients, inputs, dtype="float64")
    return work


def _dag_edges(depth: int) -> int:
    cost, parameters = nested_sigmoids(depth)
    return sum(len(node.args) for node in unique_nodes([cost] + symopt.grad(cost, parameters)))


def _table(title: str, label: str, sizes, seconds) -> None:
    print(f"\n{title}\n{label:>6}  seconds   exponent")
    previous = None
    for size, time_taken in zip(sizes, seconds):
        if isinstance(time_taken, str):
            print(f"{size:>6}  {time_taken}")
            break
        exponent = "" if previous is None else \
            f"{math.log(time_taken / previous[1]) / math.log(size / previous[0]):8.2f}"
        print(f"{size:>6}  {time_taken:7.3f}  {exponent}")
        previous = (size, time_taken)


def tied_chain(size: int):
    """:math:`e_N` of :math:`e_{k+1} = x/(1 + e_k^2) + w`, ``e_0 = w``; the cost, its parameter, a feed and the hand
    reverse loop returning the value and the slope in ``w``."""
    w, x = symopt.Variable("w", 0.3), sympy.Symbol("x")
    value = w
    for _ in range(size):
        value = x / (1 + value * value) + w

    def hand(w_value=0.3, x_value=0.7):
        levels = [w_value]
        for _ in range(size):
            levels.append(x_value / (1 + levels[-1] ** 2) + w_value)
        adjoint, slope = 1.0, 0.0
        for level in reversed(levels[:-1]):
            slope += adjoint
            adjoint *= -2 * x_value * level / (1 + level * level) ** 2
        return levels[-1], slope + adjoint
    return value, [w], {"w": 0.3, "x": 0.7}, hand


def tied_chain_as_matrices(size: int):
    """:func:`tied_chain` with the state a (1, 1) matrix (the workaround: its code stays linear in ``size``)."""
    _, parameters, feed, hand = tied_chain(size)
    (w,), x, one = parameters, sympy.Symbol("x"), symopt.Placeholder("one", (1, 1))
    value = w * one
    for _ in range(size):
        # data times state as a Hadamard product: `x * matrix` runs SymPy's MatMul doit, whose building time doubles
        # with each level up to 64 nested matrix products (final48f: about 30 s to build any chain past 13 levels)
        value = ops.hadamard(x * one, ops.power(one + ops.square(value), -1)) + w * one
    return ops.sum(value), parameters, {**feed, "one": np.ones((1, 1))}, hand


def euler_fit(size: int, dt: float = 0.1, as_matrices: bool = False):
    """Squared misfit of ``size`` explicit Euler steps of logistic growth from 0.1 to fixed observations
    (``as_matrices``: the height a (1, 1) matrix, the workaround whose code stays linear in ``size``)."""
    r, K = symopt.Variable("r", 0.8), symopt.Variable("K", 2.0)
    observed = [0.1 + 0.01 * t for t in range(1, size + 1)]
    one = symopt.Placeholder("one", (1, 1))
    height, cost = (0.1 * one, 0) if as_matrices else (sympy.Float(0.1), 0)
    for target in observed:
        if as_matrices:
            height = height + (dt * r) * ops.hadamard(height, one - height / K)
            cost = cost + ops.sum(ops.square(height - target * one))
        else:
            height = height + dt * r * height * (1 - height / K)
            cost += (height - target) ** 2

    def hand(r_value=0.8, K_value=2.0):
        heights = [0.1]
        for _ in observed:
            heights.append(heights[-1] + dt * r_value * heights[-1] * (1 - heights[-1] / K_value))
        value = sum((h - o) ** 2 for h, o in zip(heights[1:], observed))
        slope_r = slope_K = adjoint = 0.0
        for before, after, target in reversed(list(zip(heights, heights[1:], observed))):
            adjoint += 2 * (after - target)
            slope_r += adjoint * dt * before * (1 - before / K_value)
            slope_K += adjoint * dt * r_value * before * before / K_value ** 2
            adjoint *= 1 + dt * r_value * (1 - 2 * before / K_value)
        return value, (slope_r, slope_K)
    return cost, [r, K], {"r": 0.8, "K": 2.0, **({"one": np.ones((1, 1))} if as_matrices else {})}, hand


def thresholds(size: int):
    """``size`` one-parameter Piecewise terms with thresholds ``k/size``."""
    w, x = symopt.Variable("w", 0.3), sympy.Symbol("x")
    cost = sum(sympy.Piecewise((w ** 2 * x, w > sympy.Rational(k, size)), (w * x, True)) for k in range(size))

    def hand(w_value=0.3, x_value=0.7):
        above = sum(1 for k in range(size) if w_value > k / size)
        return (x_value * (above * w_value ** 2 + (size - above) * w_value),
                x_value * (above * 2 * w_value + size - above))
    return cost, [w], {"w": 0.3, "x": 0.7}, hand


RECURRENCES = {"tied chain": tied_chain, "tied chain, (1, 1) matrices": tied_chain_as_matrices, "Euler": euler_fit,
               "Euler, (1, 1) matrices": lambda size: euler_fit(size, as_matrices=True), "thresholds": thresholds}


def _recurrence_row(build, size: int, repeats: int) -> tuple:
    """(compile seconds, source characters, symopt call / hand call), the value checked against the hand loop."""
    cost, parameters, feed, hand = build(size)
    start = time.perf_counter()
    compiled = symopt.compile(cost, parameters)
    seconds = time.perf_counter() - start
    value, slopes = compiled(**feed)
    hand_value, hand_slopes = hand()
    assert np.allclose([value, *np.ravel(slopes)], [hand_value, *np.ravel(hand_slopes)], rtol=1e-9), size
    arguments = compiled.bind((), feed)
    calls = {"symopt": lambda: compiled.function(*arguments), "hand": hand}
    times = {name: [] for name in calls}
    for _ in range(repeats):  # interleaved
        for name, call in calls.items():
            times[name].append(_median_seconds(call, 5))
    ratio = statistics.median(times["symopt"]) / statistics.median(times["hand"])
    return seconds, len(compiled.source), ratio


def _recurrence_table(name: str, sizes, repeats: int) -> None:
    print(f"\n{name}\n{'N':>6}  compile  exponent   source  exponent  call / hand loop")
    previous = None
    for size in sizes:
        seconds, characters, ratio = _recurrence_row(RECURRENCES[name], size, repeats)
        growth = ("", "") if previous is None else tuple(
            f"{math.log(now / before) / math.log(size / previous[0]):8.2f}"
            for now, before in ((seconds, previous[1]), (characters, previous[2])))
        print(f"{size:>6}  {seconds:7.2f}  {growth[0]:>8}  {characters:7d}  {growth[1]:>8}  {ratio:6.2f}")
        previous = (size, seconds, characters)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ks", type=int, nargs="+", default=[10, 20, 40, 80, 160, 320])
    parser.add_argument("--depths", type=int, nargs="+", default=[2, 4, 8, 16, 32, 64])
    parser.add_argument("--build-depths", type=int, nargs="+", default=[125, 250, 500, 1000])
    parser.add_argument("--recurrence-sizes", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"sympy {sympy.__version__}, numpy {np.__version__}")
    sigmoid_times = _timed_rows(args.ks, lambda k: _grad_and_compile(lambda: nested_sigmoids(k)), args.repeats)
    _table("grad + compile, K nested sigmoids (2K parameters)", "K", args.ks, sigmoid_times)
    pipeline_times = _timed_rows(args.ks, lambda k: _program_and_code(lambda: nested_sigmoids(k)), args.repeats)
    _table("program + generated code only (gradient given), K nested sigmoids", "K", args.ks, pipeline_times)
    print("edges of the cost + gradient DAG (the pipeline's work is linear in these): " +
          ", ".join(f"K = {k}: {_dag_edges(k)}" for k, t in zip(args.ks, pipeline_times) if isinstance(t, float)))
    measured = dict(zip(args.ks, sigmoid_times))
    if isinstance(measured.get(40), float) and isinstance(measured.get(160), float):
        print(f"K = 40: {measured[40]:.3f} s (target <= 0.5 s); "
              f"K = 160 / K = 40: {measured[160] / measured[40]:.2f} (target <= 4)")
    mlp_times = _timed_rows(args.depths, lambda d: _grad_and_compile(lambda: mlp(d)), args.repeats)
    _table("grad + compile, tanh MLP of depth d (width 8)", "d", args.depths, mlp_times)
    build_times = _timed_rows(args.depths, lambda d: lambda: mlp(d), args.repeats)
    _table("building the MLP expression alone (X @ W ...)", "d", args.depths, build_times)
    deep_times = _timed_rows(args.build_depths, lambda d: lambda: mlp(d), args.repeats)
    _table("building a deep MLP expression alone", "d", args.build_depths, deep_times)
    for name in RECURRENCES:
        _recurrence_table(name, args.recurrence_sizes, args.repeats)


if __name__ == "__main__":
    main()
