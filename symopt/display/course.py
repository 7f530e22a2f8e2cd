r"""The course's derivation of a vectorized network (examples as columns or as rows).

For :math:`J = \frac1m\sum L` the backward lines use :math:`dZ = m\,\partial J/\partial Z`,
the gradient of each example's loss, so the mean's :math:`1/m` sits in the parameter
gradients; layer by layer, output first (examples as columns)::

    dZ₂ = A₂ - Y
    dW₂ = (1/m) dZ₂ A₁ᵀ
    db₂ = (1/m) Σ dZ₂
    dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²)
    dW₁ = (1/m) dZ₁ Xᵀ
    db₁ = (1/m) Σ dZ₁

Derivatives of activations are written through their outputs (:math:`A(1-A)`,
:math:`1-A^2`, :math:`(Z>0)`): the scalar rule :math:`g'` (SymPy's derivative of the
entrywise body, as in :mod:`symopt.calculus`) with :math:`g(Z)` renamed :math:`A`.  The
last layer's :math:`dZ_L = \partial L/\partial Z_L` is simplified the same way, so the
cross-entropy of :math:`\sigma(Z)` gives :math:`A - Y` whether it is written with logs
or with ``ops.sigmoid_cross_entropy``; the softmax cross-entropy gives :math:`A - Y` for
one-hot labels.  With examples as rows the transposes move: :math:`dW = \frac1m X^\top dZ`.

This module holds the lines and their rendering (:class:`CourseDerivation`); :mod:`symopt.display.course_lines`
builds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import sympy
from sympy import MatrixSymbol

from .backward import adjoint_symbol
from .glyphs import distinct_names, format_array, format_entry, latex_of_printed
from .network import Network
from .notation import latex as latex_of
from .notation import text as text_of
from .render import LIST_SEPARATOR, Rendered, Section, Side, chain
from .terms import shape_text
from . import terms

__all__ = ["Line", "CourseDerivation", "input_symbols", "input_names", "PRE_LETTERS", "POST_LETTERS", "ENTRY_SUM"]

#: The cost line's sum of every entry of ``L`` where it has several per example, written apart from the ``Σ`` over
#: the examples of the backward lines (``db = (1/m) Σ dZ``): one meaning per glyph (final43d F43d-9).
ENTRY_SUM = Side("Σᵢⱼ", r"\sum_{i,j}")


@dataclass(frozen=True)
class Line:
    """``symbol = formula``; ``kind`` is ``"forward"``, ``"dZ"``, ``"dW"`` or ``"db"``; ``layer`` counts from 1."""

    symbol: MatrixSymbol
    formula: object
    kind: str
    layer: int


def _shape_text(symbol, latex: bool = False, names: dict | None = None) -> str | None:
    """``(4×m)`` of a matrix line, None for a scalar (a scalar bias's ``db``)."""
    return shape_text(symbol.shape, latex, names) if isinstance(symbol, MatrixSymbol) else None


@dataclass(frozen=True)
class CourseDerivation(Rendered):
    """Forward and backward lines of a recognised network; ``str()``, :meth:`latex`, :meth:`markdown`, :meth:`code`.

    :attr:`gradient` is the gradient from :func:`symopt.grad` (the authority); ``values``
    (with ``at=``) holds every line's array, checked against :func:`symopt.compile`; ``penalty`` is the cost's
    term in the parameters (L2 regularization), whose gradient the parameter lines add.
    """

    network: Network
    forward: tuple[Line, ...]
    backward: tuple[Line, ...]
    wrt: tuple
    gradient: dict
    cost_name: str
    shapes: bool = True
    notation: str = "course"
    values: Mapping | None = field(default=None, compare=False)
    notes: tuple = ()
    penalty: sympy.Basic | None = None

    @property
    def matrix(self) -> bool:
        return True

    @property
    def loss(self) -> MatrixSymbol:
        """The per-example loss matrix ``L`` (``ℓ`` when the cost itself is named ``L``)."""
        return self.forward[-1].symbol

    @property
    def count_names(self) -> dict:
        """How the number of examples prints: ``m``, or ``n`` where an input is named ``m`` (a bias ``m``)."""
        taken = input_names(self.network)
        if "m" not in taken:
            return {}
        return {self.network.examples: next(name for name in ("n", "N", "M", "m_examples") if name not in taken)}

    def shown_expressions(self) -> tuple:
        return tuple(input_symbols(self.network))

    @property
    def count(self):
        """The number of examples as the lines print it (a symbol named as :attr:`count_names` says)."""
        shown = self.count_names.get(self.network.examples)
        return self.network.examples if shown is None else sympy.Symbol(shown, integer=True, positive=True)

    def line(self, symbol) -> Line:
        """The line that defines ``symbol`` (a name such as ``"dZ1"`` or a matrix symbol)."""
        for line in self.forward + self.backward:
            if line.symbol == symbol or str(line.symbol.name) == str(symbol):
                return line
        raise KeyError(symbol)

    def gradient_line(self, parameter) -> Line:
        """The line of ``dW`` for the parameter ``W`` (of this very symbol where two parameters share a name)."""
        return next(line for line in self.backward if line.symbol == adjoint_symbol(parameter))

    # ------------------------------------------------------------ sections

    def _number(self, symbol) -> Side | None:
        if self.values is None or symbol not in self.values:
            return None
        if not isinstance(symbol, MatrixSymbol):
            number = format_entry(np.asarray(self.values[symbol], dtype=float).item())
            return Side(number, latex_of_printed(number))
        return Side(*format_array(self.values[symbol]))

    def _lhs(self, symbol, backward: bool) -> Side:
        text, latex = text_of(symbol), latex_of(symbol)
        names = self.count_names
        if self.shapes and backward and _shape_text(symbol) is not None:
            return Side(f"{text} {_shape_text(symbol, False, names)}",
                        rf"\underset{{{_shape_text(symbol, True, names)}}}{{{latex}}}")
        return Side(text, latex)

    def _equation(self, line: Line, backward: bool) -> tuple[Side, ...]:
        shapes = self.shapes and backward
        names = self.count_names
        rhs = Side(terms.text(line.formula, shapes, names), terms.latex(line.formula, shapes, names))
        return chain(self._lhs(line.symbol, backward), rhs, self._number(line.symbol))

    def _cost_line(self) -> tuple[Side, ...]:
        count = self.count
        number = None
        if self.values is not None:
            total = float(np.mean(self.values[self.forward[-1].symbol]) * _entries_per_example(self))
            total = format_entry(total + float(self.values.get(self.penalty, 0.0)))
            number = Side(total, latex_of_printed(total))
        penalty = Side("", "") if self.penalty is None else Side(f" + {text_of(self.penalty)}",
                                                                 f" + {latex_of(self.penalty)}")
        total = ENTRY_SUM if self.loss.shape[1 - self.network.example_axis] > 1 else Side("Σ", r"\sum")
        return chain(Side(self.cost_name, self.cost_name),
                     Side(f"(1/{text_of(count)}) {total.text} {text_of(self.loss)}{penalty.text}",
                          rf"\frac{{1}}{{{latex_of(count)}}} {total.latex} {latex_of(self.loss)}{penalty.latex}"), number)

    def _penalty_scalars(self) -> list:
        """The scalar inputs of the penalty with a number (``λ``), by name."""
        if self.penalty is None or self.values is None:
            return []
        return sorted((s for s in self.penalty.free_symbols if s in self.values), key=str)

    def sections(self) -> tuple[Section, ...]:
        axis = self.network.example_axis
        count = self.count
        z = str(self.forward[0].symbol.name).rstrip("0123456789")  # Z, or S where an input is named Z
        z = z if z in PRE_LETTERS else "Z"
        note = self._backward_note(z)
        forward = tuple(self._equation(line, False) for line in self.forward) + (self._cost_line(),)
        backward = tuple(self._equation(line, True) for line in self.backward)
        point = None
        if self.values is not None:
            examples = np.shape(self.values[self.forward[-1].symbol])[axis]
            scalars = [(symbol, format_entry(self.values[symbol])) for symbol in self._penalty_scalars()]
            if not sympy.sympify(count).is_number:  # a batch of fixed size: its 5 is in the lines (P92-7: "5 = 5")
                scalars.insert(0, (count, examples))
            point = Side(", ".join(f"{text_of(s)} = {v}" for s, v in scalars),
                         LIST_SEPARATOR.join(f"{latex_of(s)} = {v}" for s, v in scalars)) if scalars else None
        return (Section("forward", "Forward", forward, point),
                Section("backward", "Backward (chain rule)", backward, note, self.notes))

    def _backward_note(self, z: str) -> Side:
        """What ``dZ`` and ``Σ`` mean.  Where ``L`` has several entries per example, each example's loss is the sum
        of its row (column) of ``L``, and the LaTeX says so in the text's words, cut at its commas (final43d F43d-9:
        it kept only ``Σ = sum over the examples``); ``Σ`` sums over the examples only, the cost line's sum of every
        entry is ``Σᵢⱼ``."""
        axis, count = self.network.example_axis, self.count
        head = (f"d{z} = {text_of(count)}·∂{self.cost_name}/∂{z}",
                rf"d{z} = {latex_of(count)} \, \partial {self.cost_name} / \partial {z}")
        if self.loss.shape[1 - axis] == 1:
            return Side(f"{head[0]}, the gradient of each example's loss {text_of(self.loss)}; Σ sums over the "
                        f"examples, axis {axis}, dimensions kept",
                        rf"{head[1]},\; \textstyle\sum = \text{{sum over the examples (axis {axis})}}")
        rows = f"the sum of its {('row', 'column')[axis]} of"
        texts = [head[0], f"the gradient of each example's loss ({rows} {text_of(self.loss)}); Σ sums over the examples",
                 f"axis {axis}", "dimensions kept"]
        # as many pieces as the text's, cut where the text's rows are (its second piece is past WIDTH alone), so no
        # LaTeX row is wider than the output area (tests/test_probe47_long_derivation_browser.py)
        latexes = [head[1], rf"\text{{the gradient of each example's loss ({rows} ${latex_of(self.loss)}$)}}",
                   rf"\textstyle\sum\text{{ sums over the examples, axis {axis}}}", r"\text{dimensions kept}"]
        return Side(", ".join(texts), LIST_SEPARATOR.join(latexes))

    # ------------------------------------------------------------ renderers

    def text(self) -> str:
        """Unicode text, one line per step (NumPy code with ``notation="code"``)."""
        return self.code() if self.notation == "code" else super().text()

    def code(self) -> str:
        """The backward pass as NumPy code, the course's ``dW1 = 1/m * dZ1 @ X.T``, shapes as comments."""
        lines = []
        with distinct_names(self.shown_expressions()):  # a second matrix named W is W_1, as in generated code
            for line in self.backward:
                comment = f"  # {_shape_text(line.symbol, False, self.count_names) or 'scalar'}" if self.shapes else ""
                lines.append(f"{terms.code_name(line.symbol)} = {terms.code(line.formula, self.count_names)}{comment}")
        return "\n".join(lines)

    def markdown(self) -> str:
        """Markdown: a display-math block per section; with ``notation="code"`` the code :meth:`text` prints, as a
        Python block (probe75 P75-5: the notebook showed the fraction notation, not the code asked for).  The code
        has no LaTeX form: :meth:`latex` gives the fraction notation whatever ``notation`` is."""
        return f"```python\n{self.code()}\n```\n" if self.notation == "code" else super().markdown()

    def _repr_latex_(self) -> str | None:
        return None if self.notation == "code" else super()._repr_latex_()  # code: the notebook shows the Markdown

    def _repr_markdown_(self) -> str | None:
        return self.markdown() if self.notation == "code" else None

    def __repr__(self) -> str:
        names = ", ".join(text_of(symbol) for symbol in self.wrt)
        penalty = "" if self.penalty is None else f" + {text_of(self.penalty)}"
        return f"<Derivation of {self.cost_name} = (1/m) Σ L{penalty}, a {len(self.network.layers)}-layer network, w.r.t. {names}>"

    _repr_pretty_ = Rendered._repr_pretty_  # IPython reads a class's own __repr__ before an inherited _repr_pretty_


def _entries_per_example(derivation: CourseDerivation) -> int:
    """Entries of L per example (the number of output units), so that J = (1/m) Σ L = mean(L)·units."""
    shape = np.shape(derivation.values[derivation.forward[-1].symbol])
    return shape[1 - derivation.network.example_axis]


#: The course's letters for pre-activations and activations, then the ones taken when an input already uses them
#: (a weight named ``Z1``, labels named ``A``).
PRE_LETTERS, POST_LETTERS = ("Z", "S", "U"), ("A", "H", "G")


def input_symbols(network: Network) -> list:
    """The network's inputs: data, labels, weights and biases."""
    symbols = [network.layers[0].inputs] + [symbol for _, symbol in network.labels]
    return symbols + [node for layer in network.layers for node in (layer.weight, layer.bias) if node is not None]


def input_names(network: Network) -> set[str]:
    """The names of the network's inputs: data, labels, weights and biases."""
    return {str(symbol.name) for symbol in input_symbols(network) if hasattr(symbol, "name")}
