"""probe68 P68-8: no edge of a drawn graph passes through a node other than its two ends, checked on the SVG's own
coordinates (boxes, ellipses, Bézier curves and lines sampled) for the course's vectorized models, where edges
from ``m`` and ``Y`` span many layers."""

import re

import pytest
import sympy

import symopt
from symopt import ops
from symopt.display import graph


def _logistic_regression():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    A = ops.sigmoid(ops.bias_add(ops.matmul(w.T, X), b))
    ones = sympy.OneMatrix(*A.shape)
    return -ops.sum(ops.hadamard(Y, ops.log(A)) + ops.hadamard(ones - Y, ops.log(ones - A))) / X.shape[1]


def _two_layer_network():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    A1 = ops.tanh(ops.bias_add(ops.matmul(W1, X), b1))
    A2 = ops.sigmoid(ops.bias_add(ops.matmul(W2, A1), b2))
    ones = sympy.OneMatrix(*A2.shape)
    return -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]


def _shapes(svg: str) -> list:
    """Every node as a point test: ``inside(x, y)`` for its rectangle or ellipse, shrunk by 1 unit."""
    shapes = []
    for x, y, width, height in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx', svg):
        x, y, width, height = map(float, (x, y, width, height))
        shapes.append(lambda px, py, x=x, y=y, w=width, h=height: x + 1 < px < x + w - 1 and y + 1 < py < y + h - 1)
    for cx, cy, rx, ry in re.findall(r'<ellipse cx="([\d.]+)" cy="([\d.]+)" rx="([\d.]+)" ry="([\d.]+)"', svg):
        cx, cy, rx, ry = map(float, (cx, cy, rx, ry))
        shapes.append(lambda px, py, cx=cx, cy=cy, rx=rx, ry=ry: ((px - cx) / (rx - 1)) ** 2 + ((py - cy) / (ry - 1)) ** 2 < 1)
    return shapes


def _point(token: str) -> tuple:
    return tuple(map(float, token.split(",")))


def _samples(path: str) -> list:
    """Points along an SVG path of ``M``, ``C`` and ``L`` commands."""
    tokens = re.findall(r"[MCL]|-?[\d.]+,-?[\d.]+", path)
    samples, current, index = [], None, 0
    while index < len(tokens):
        command = tokens[index]
        if command == "M":
            current = _point(tokens[index + 1])
            samples.append(current)
            index += 2
        elif command == "L":
            target = _point(tokens[index + 1])
            samples += [(current[0] + (target[0] - current[0]) * k / 50, current[1] + (target[1] - current[1]) * k / 50)
                        for k in range(1, 51)]
            current, index = target, index + 2
        else:
            p1, p2, p3 = (_point(token) for token in tokens[index + 1:index + 4])
            for k in range(1, 51):
                t = k / 50
                samples.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
                                     for a, b, c, d in zip(current, p1, p2, p3)))
            current, index = p3, index + 4
    return samples


def _crossings(svg: str) -> list:
    shapes = _shapes(svg)
    crossings = []
    for path in re.findall(r'<path d="(M[^"]*)" fill="none"', svg):
        samples = _samples(path)
        (sx, sy), (tx, ty) = samples[0], samples[-1]
        ends = [shape for shape in shapes if shape(sx - 2, sy) or shape(tx + 4, ty)]  # the source left, the target right
        crossings += [path for shape in shapes if shape not in ends and any(shape(x, y) for x, y in samples)]
    return crossings


@pytest.mark.parametrize("model", [_logistic_regression, _two_layer_network])
@pytest.mark.parametrize("style", ["values", "ops"])
def test_no_edge_passes_through_another_node(model, style):
    drawing = graph(model()).with_style(style).svg()
    assert drawing.count("<path d=") > 10
    assert _crossings(drawing) == []


def test_a_long_edge_in_a_scalar_graph_passes_no_node():
    a, b, c, w = sympy.symbols("a b c w")
    cost = c * (-w + (sympy.sin(c) + 3) ** 2 - sympy.Abs(b)) * sympy.tanh(c + 2 * w) / ((a + b / (2 * (c ** 2 + 1))) ** 2 + 1)
    assert _crossings(graph(cost).svg()) == []
