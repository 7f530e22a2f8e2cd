r"""How the course's lines of a recognised network are built (:func:`course_derivation`): the names of each layer's
matrices (``Z1, A1, ...``, or the names given), the forward lines, the backward lines (``dZ``, ``dW``, ``db`` per
layer, output first, down to the lowest layer a parameter asked for), and the output layer's :math:`dZ_L` written
through :math:`A_L` and simplified (:func:`output_of`).  The lines and their rendering are
:mod:`symopt.display.course`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy
from sympy import MatrixSymbol
from sympy.printing.conventions import split_super_sub

from ..errors import ConfigurationError
from ..functions import step
from ..nodes import elementwise, lambda_parts
from ..forward_derivative import local_derivative
from .backward import adjoint_symbol
from .course import ENTRY_SUM, POST_LETTERS, PRE_LETTERS, CourseDerivation, Line, input_names
from .network import COLUMNS, Layer, Network
from .notation import latex as latex_of
from .notation import text as text_of
from .penalty import penalty_notes
from .prepared import prepare
from .remarks import math, remark
from .structure_keys import structure_key
from .terms import Entrywise, ExampleSum, Name, Plus, Product, Scaled, Times, Transposed, latex, text
from .tidy import tidy

__all__ = ["course_derivation", "layer_table", "backward_lines", "output_of", "Output", "Names", "SOFTMAX"]

#: The softmax, printed by name in ``A = softmax(Z)``.
SOFTMAX = sympy.Function("softmax")


@dataclass(frozen=True)
class Names:
    """The matrices of the derivation: pre-activations, activations and their adjoints, per layer."""

    pre: tuple
    post: tuple
    inputs: tuple


def _matrix(name: str, shape) -> MatrixSymbol:
    return MatrixSymbol(name, *shape)


def _free_letter(letters: tuple, suffixes: list, taken: set) -> str:
    """The first of ``letters`` that is no taken name's letter (``Z``, ``Z1``: ``Z₁`` prints as ``Z`` and a subscript)
    and, with each suffix, no taken name."""
    bases = {split_super_sub(name)[0] for name in taken}
    return next((letter for letter in letters
                 if letter not in bases and not {letter + suffix for suffix in suffixes} & taken), letters[-1])


def _names(network: Network, named: Mapping, post_nodes: list) -> Names:
    """``Z1, A1, Z2, ...`` (``Z, A`` for one layer; other letters where an input has that name), or the names given
    for those expressions."""
    count = len(network.layers)
    table, memo = {}, {}  # structure keys: sums in any term order, each node of the network keyed once

    def key(node):
        return None if node is None else structure_key(node, table, memo)
    by_key = {key(expression): name for expression, name in named.items()}
    suffixes = [str(index) if count > 1 else "" for index in range(1, count + 1)]
    taken = input_names(network)
    pre_letter, post_letter = _free_letter(PRE_LETTERS, suffixes, taken), _free_letter(POST_LETTERS, suffixes, taken)
    pre, post = [], []
    for index, (layer, suffix) in enumerate(zip(network.layers, suffixes), start=1):
        pre.append(_matrix(by_key.get(key(layer.pre)) or f"{pre_letter}{suffix}", layer.pre.shape))
        post.append(_matrix(by_key.get(key(post_nodes[index - 1])) or f"{post_letter}{suffix}", layer.pre.shape))
    known = {key(node) for node in [layer.pre for layer in network.layers] + post_nodes}
    unused = [name for key, name in by_key.items() if key not in known]
    if unused:
        raise ConfigurationError(f"names: {unused} name neither a layer's Z = W A + b nor its activation A = g(Z); "
                                 "name those (e.g. names={Z1: 'Z1', A1: 'A1'}) or pass steps='all' to name any "
                                 "subexpression")
    given = [symbol.name for symbol in pre + post]
    if len(set(given)) != len(given):
        raise ConfigurationError(f"names: the layers would be named {given}; give each matrix its own name")
    return Names(tuple(pre), tuple(post), ())


def layer_table(network: Network) -> dict:
    """``{expression of the cost: name}`` of each layer's ``Z`` and ``A`` (``Z1``, ``A1``, ...), as the derivation
    names them; the last ``A`` is written as :func:`_post_nodes` writes it (it may not occur in the cost)."""
    posts = _post_nodes(network, output_of(network))
    names = _names(network, {}, posts)
    table = {layer.pre: str(symbol.name) for layer, symbol in zip(network.layers, names.pre)}
    table.update((post, str(symbol.name)) for post, symbol in zip(posts, names.post) if post is not None)
    return table


def _activation_rule(function: sympy.Lambda, output, pre) -> Entrywise:
    """:math:`g'(Z)` written through the output :math:`A = g(Z)`: ``A(1 - A)``, ``1 - A²``, ``(Z > 0)``."""
    variable, body = lambda_parts(function)
    stand_in = sympy.Dummy("a", real=True)
    derivative = sympy.diff(body, variable).xreplace({body: stand_in})
    return Entrywise(derivative, ((stand_in, output), (variable, pre)), tuple(pre.shape))


def _input_name(layer: Layer, index: int, names: Names):
    return Name(layer.inputs) if index == 0 else Name(names.post[index - 1])


def _weight(layer: Layer):
    return Transposed(Name(layer.weight)) if layer.weight_transposed else Name(layer.weight)


def _forward_lines(network: Network, names: Names, output_rule) -> list[Line]:
    lines = []
    for index, layer in enumerate(network.layers):
        inputs = _input_name(layer, index, names)
        weight = _weight(layer)
        product = Product(weight, inputs) if network.layout == COLUMNS else Product(inputs, weight)
        if layer.bias is not None:
            bias = Transposed(Name(layer.bias)) if layer.bias_transposed else Name(layer.bias)
            product = Plus(product, bias)
        lines.append(Line(names.pre[index], product, "forward", index + 1))
        pre = names.pre[index]
        if layer.activation is not None:
            variable, body = lambda_parts(layer.activation)
            lines.append(Line(names.post[index], Entrywise(body, ((variable, pre),), tuple(pre.shape)), "forward",
                              index + 1))
        elif output_rule is not None:
            lines.append(Line(names.post[index], output_rule(pre), "forward", index + 1))
    return lines


def _back_product(network: Network, layer: Layer, adjoint) -> object:
    """:math:`W^\\top dZ` (columns) or :math:`dZ\\,W^\\top` (rows), for the layer above."""
    weight = Name(layer.weight)
    if network.layout == COLUMNS:
        return Product(weight if layer.weight_transposed else Transposed(weight), adjoint)
    return Product(adjoint, weight if layer.weight_transposed else Transposed(weight))


def _weight_gradient(network: Network, adjoint, inputs, transposed: bool):
    if network.layout == COLUMNS:
        product = Product(inputs, Transposed(adjoint)) if transposed else Product(adjoint, Transposed(inputs))
    else:
        product = Product(Transposed(adjoint), inputs) if transposed else Product(Transposed(inputs), adjoint)
    return Scaled(1 / network.examples, product)


def backward_lines(network: Network, names: Names, output_formula, wrt: set, penalty_terms: Mapping) -> list[Line]:
    """dZ, dW, db for each layer, output first; only the lines needed for ``wrt``; a parameter's line adds its
    ``penalty_terms`` formula (the gradient of the cost's penalty, ``2λ W₁``)."""
    lowest = min(index for index, layer in enumerate(network.layers) if {layer.weight, layer.bias} & wrt)
    lines = []
    for index in range(len(network.layers) - 1, lowest - 1, -1):
        layer = network.layers[index]
        adjoint = adjoint_symbol(names.pre[index])
        if index == len(network.layers) - 1:
            formula = output_formula
        else:
            above = network.layers[index + 1]
            formula = _back_product(network, above, Name(adjoint_symbol(names.pre[index + 1])))
            rule = _activation_rule(layer.activation, names.post[index], names.pre[index])
            if rule.expression != 1:
                formula = Times(formula, rule)
        lines.append(Line(adjoint, formula, "dZ", index + 1))
        inputs = _input_name(layer, index, names)
        if layer.weight in wrt:
            lines.append(Line(adjoint_symbol(layer.weight), _penalized(_weight_gradient(
                network, Name(adjoint), inputs, layer.weight_transposed), layer.weight, penalty_terms), "dW", index + 1))
        if layer.bias in wrt:
            axis = None if layer.scalar_bias else network.example_axis
            summed = Scaled(1 / network.examples, ExampleSum(Name(adjoint), axis))
            if layer.bias_transposed:
                summed = Transposed(summed)
            lines.append(Line(adjoint_symbol(layer.bias), _penalized(summed, layer.bias, penalty_terms), "db", index + 1))
    return lines


def _penalized(formula, parameter, penalty_terms: Mapping):
    """``formula + ∂P/∂parameter`` where the penalty reads the parameter."""
    return Plus(formula, penalty_terms[parameter]) if parameter in penalty_terms else formula


# ---------------------------------------------------------------- the output layer

@dataclass(frozen=True)
class Output:
    """The last layer: ``activation`` (a scalar of :attr:`Network.z`, or None), the forward rule
    ``A_L = ...``, the shown loss :math:`L` and :math:`dZ_L`, as scalars over stand-ins."""

    activation: sympy.Basic | None
    stand_in: sympy.Dummy
    loss: sympy.Basic
    adjoint: sympy.Basic


def output_of(network: Network) -> Output:
    """:math:`dZ_L = \\partial L/\\partial Z_L` written through :math:`A_L` and simplified (``A - Y``)."""
    z, a = network.z, sympy.Dummy("a", real=True)
    if network.softmax:
        y = network.labels[0][0]
        return Output(SOFTMAX(z), a, -y * sympy.log(a), a - y)
    derivative = sympy.diff(network.loss, z)
    if derivative.has(sympy.Heaviside, sympy.Derivative, sympy.Subs):  # max(0, 1 - Zy): grad's value at the tie
        derivative = local_derivative(network.loss, z)                  # ([Zy ≤ 1]), never Heaviside(0) = 1/2
    applied = [f for f in derivative.atoms(sympy.Function) if f.args == (z,)]
    if [f.func for f in applied] == [step]:  # relu's derivative, not an output: A = relu(Z) is in the loss
        applied = [f for f in network.loss.atoms(sympy.Function) if f.args[:1] == (z,)]
    if len(applied) != 1:
        return Output(None, a, network.loss, tidy(derivative))
    activation = applied[0]
    return Output(activation, a, network.loss.xreplace({activation: a}), tidy(derivative.xreplace({activation: a})))


def _stand_ins(output: Output, network: Network, names: Names) -> tuple:
    """The matrices the loss line reads: :math:`Z_L`, :math:`A_L` where the last layer has an activation (a loss of
    :math:`Z_L` itself, like :math:`(Z - y)^2`, has no :math:`A_L` line), and the labels."""
    post = () if output.activation is None else ((output.stand_in, names.post[-1]),)
    return ((network.z, names.pre[-1]),) + post + tuple(network.labels)


def _output_rule(output: Output, network: Network):
    if output.activation is None:
        return None
    return lambda pre: Entrywise(output.activation, ((network.z, pre),), tuple(pre.shape))


def _post_nodes(network: Network, output: Output) -> list:
    """The activation expressions :math:`g_l(Z_l)` as they occur in the cost (names are looked up by them)."""
    nodes = [layer.inputs for layer in network.layers[1:]]
    if output.activation is None or network.softmax:
        last = None
    else:
        last = elementwise(lambda v: output.activation.xreplace({network.z: v}), network.output.pre)
    return nodes + [prepare(last) if last is not None else None]


def course_derivation(network: Network, wrt: tuple, gradient: dict, names: Mapping, cost_name: str,
                      shapes: bool = True, notation: str = "course", penalty=None,
                      penalty_terms: Mapping | None = None) -> CourseDerivation:
    """The course's lines for a recognised ``network`` (names: ``{prepared expression: name}``); ``penalty`` is the
    cost's term in the parameters and ``penalty_terms`` its gradient per parameter (:mod:`.penalty`)."""
    output = output_of(network)
    table = _names(network, names, _post_nodes(network, output))
    matrices = _stand_ins(output, network, table)
    shape = tuple(network.output.pre.shape)
    forward = _forward_lines(network, table, _output_rule(output, network))
    loss_symbol = MatrixSymbol("ℓ" if "L" in input_names(network) | {cost_name} else "L", *shape)  # an input L: ℓ
    forward.append(Line(loss_symbol, Entrywise(output.loss, matrices, shape), "forward", len(network.layers)))
    output_adjoint = Entrywise(output.adjoint, matrices, shape)
    backward = backward_lines(network, table, output_adjoint, set(wrt), penalty_terms or {})
    notes = (_loss_entries_notes(network, loss_symbol) + _one_hot_notes(network, output_adjoint)
             + _scalar_bias_notes(network, table, set(wrt))
             + penalty_notes(penalty, penalty_terms or {}))
    return CourseDerivation(network, tuple(forward), tuple(backward), wrt, gradient, cost_name, shapes, notation,
                            None, notes, penalty)


def _loss_entries_notes(network: Network, loss) -> tuple:
    """``L`` with several entries per example (a softmax's classes, several regression outputs): each example's
    loss is the sum of its column (row), so ``Σᵢⱼ`` in ``J = (1/m) Σᵢⱼ L`` sums every entry (probe68 P68-2: ``L`` was
    called each example's loss, and ``Σ`` the sum over the examples only, which leaves a column)."""
    units = loss.shape[1 - network.example_axis]
    if units == 1:
        return ()
    return (remark(loss, f" has one entry per output and example ({units} per example), so the cost line's ",
                   math(ENTRY_SUM.text, ENTRY_SUM.latex), " sums every entry of ", loss, " (np.sum without axis)"),)


def _one_hot_notes(network: Network, adjoint) -> tuple:
    """Softmax with the cross-entropy: the labels are one-hot, so :math:`dZ_L` (``adjoint``, as the backward lines
    show it) is :math:`A_L - Y`, in the derivation's names (``H₂ - T`` beside an input named ``A``: probe59 P59-9)."""
    if not network.softmax:
        return ()
    return (remark(network.labels[0][1], " is one-hot (each example's labels sum to 1), so softmax and log cancel "
                   "to ", math(text(adjoint), latex(adjoint))),)


def _scalar_bias_notes(network: Network, names: Names, wrt: set) -> tuple:
    """A scalar bias of a layer with several units: its ``Σ`` sums every entry of ``dZ``, not one row per unit."""
    unit_axis = 1 - network.example_axis
    return tuple(remark(layer.bias, " is a number added to every entry of ", pre, ", so ", math("Σ", r"\sum"),
                        " in ", math(f"d{text_of(layer.bias)}", f"d{latex_of(layer.bias)}"),
                        " sums every entry (np.sum without axis)")
                 for layer, pre in zip(network.layers, names.pre)
                 if layer.scalar_bias and layer.bias in wrt and layer.pre.shape[unit_axis] != 1)
