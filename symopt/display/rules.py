r"""``update_rule``: an optimizer's update rule as Unicode text and LaTeX.

The assignments are :meth:`symopt.Optimizer.rule`'s, printed in the order TF1's
kernels compute them (the arithmetic order is kept) with the usual glyphs
(:data:`GLYPHS`), e.g. for ``Adam(0.1)``::

    Adam: η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-08
      m ← m + (g - m)(1 - β₁)
      v ← v + (g² - v)(1 - β₂)
      θ ← θ - m·(η√(1 - β₂ᵗ)/(1 - β₁ᵗ))/(√v + ε)
      β₁ᵗ ← β₁ᵗβ₁
      β₂ᵗ ← β₂ᵗβ₂
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy import Add, Mul, Pow

from ..ascii_output import for_stdout
from ..compat_hints import OPTIMIZER, with_compat_advice
from ..errors import ConfigurationError
from ..faithful_copies import faithful
from ..optimizers import Optimizer
from ..schedule_base import STEP, Schedule
from ..traversal import postorder
from ..unevaluated import rsqrt, sqrt_of
from .glyphs import format_number, latex_number, pretty_name
from .notation import latex, text
from .plain_text import pretty_text
from .line_breaks import WIDTH, split_terms, wrapped_list
from .render import LIST_SEPARATOR, Side

__all__ = ["update_rule", "UpdateRule", "GLYPHS", "latex_number", "as_written"]

#: Symbol name in the rule → (Unicode text, LaTeX).
GLYPHS: dict[str, tuple[str, str]] = {
    "theta": ("θ", r"\theta"),
    "g": ("g", "g"),
    "lr": ("η", r"\eta"),
    "momentum": ("μ", r"\mu"),
    "accumulator": ("a", "a"),
    "decay": ("ρ", r"\rho"),
    "epsilon": ("ε", r"\epsilon"),
    "ms": ("s", "s"),
    "mom": ("μₜ", r"\mu_t"),
    "mg": ("ḡ", r"\bar{g}"),
    "m": ("m", "m"),
    "v": ("v", "v"),
    "beta1": ("β₁", r"\beta_1"),
    "beta2": ("β₂", r"\beta_2"),
    "beta1_power": ("β₁ᵗ", r"\beta_1^t"),
    "beta2_power": ("β₂ᵗ", r"\beta_2^t"),
    "beta1_float32": ("β₁", r"\beta_1"),
    "beta2_float32": ("β₂", r"\beta_2"),
    "rho": ("ρ", r"\rho"),
    "accum": ("E[g²]", r"E[g^2]"),
    "accum_update": ("E[Δθ²]", r"E[\Delta\theta^2]"),
    "linear": ("z", "z"),
    "lr_power": ("p", "p"),
    "l1": ("λ₁", r"\lambda_1"),
    "l2": ("λ₂", r"\lambda_2"),
    "weight_decay": ("λ", r"\lambda"),
}


def _latex_text(name: str) -> str:
    """A name without a glyph, upright in LaTeX: ``\\text{my\\_rate}``."""
    return r"\text{" + name.replace("_", r"\_") + "}"


#: The beta powers beside a schedule's step counter :math:`t` (0 at the first step, as TF1's ``global_step`` and
#: optax's ``count``): TF1's ``beta1_power`` is :math:`\beta_1` at the first step, so :math:`\beta_1^{t+1}`, as
#: optax's bias correction :math:`1 - \beta_1^{t+1}` (probe68 P68-11: ``β₁ᵗ`` read 1 - β₁⁰ = 0 at t = 0).
COUNTED_GLYPHS: dict[str, tuple[str, str]] = {
    "beta1_power": ("β₁ᵗ⁺¹", r"\beta_1^{t+1}"),
    "beta2_power": ("β₂ᵗ⁺¹", r"\beta_2^{t+1}"),
}
#: How the rule states its step counter where the beta powers are written with it.
COUNTER_STATED = ("t = 0 at the first step", r"t = 0 \text{ at the first step}")


def _counted(symbols) -> bool:
    """Whether the rule shows a step counter :math:`t` beside beta powers (Adam's family with a schedule)."""
    return STEP in symbols and any(s.name in COUNTED_GLYPHS for s in symbols)


def _names(expressions, column: int, hyperparameters=()) -> dict:
    """Glyphs of the rule's symbols; a schedule's constant that would print as the glyph of a slot or of one of
    the ``hyperparameters`` is primed (RMSProp's :math:`s` and an ExponentialDecay's decay steps: :math:`s'`);
    beside a step counter :math:`t` the beta powers are :data:`COUNTED_GLYPHS`."""
    symbols = set().union(*(e.free_symbols for e in expressions))
    glyphs = {**GLYPHS, **COUNTED_GLYPHS} if _counted(symbols) else GLYPHS
    names = {s: glyphs[s.name][column] for s in symbols if s.name in glyphs}
    taken = {GLYPHS[name][0] for name in {s.name for s in names} | set(hyperparameters) if name in GLYPHS}
    for symbol in symbols - names.keys():
        if pretty_name(symbol.name) in taken:
            names[symbol] = f"{pretty_name(symbol.name)}′" if column == 0 else f"{sympy.latex(symbol)}'"
    return names


def _is_reciprocal(factor) -> bool:
    return factor.is_Pow and factor.exp.is_Number and factor.exp < 0


def _repeats_as_powers(factors) -> list:
    """Adjacent equal factors as one power, whole products first (Adadelta's ``d·d`` → ``d²``, never its factors
    twice: probe75 P75-8), then nested products without a division flattened and merged again:
    ``(g, (g, 1 - β₂))`` → ``(g², 1 - β₂)``."""
    flat = []
    for factor in _merged(factors):
        inline = factor.is_Mul and not any(map(_is_reciprocal, factor.args))
        flat.extend(factor.args if inline else [factor])
    return _merged(flat)


def _merged(factors) -> list:
    """``factors`` with each run of equal adjacent ones (not numbers) written as their power."""
    merged: list = []
    for factor in factors:
        if merged and not factor.is_Number and factor == merged[-1][0]:
            merged[-1][1] += 1
        else:
            merged.append([factor, 1])
    return [factor if count == 1 else Pow(factor, count, evaluate=False) for factor, count in merged]


def _as_written_node(node, args):
    """One node of :func:`as_written` over its already rewritten arguments."""
    if isinstance(node, rsqrt):
        return Pow(sqrt_of(args[0]), -1, evaluate=False)
    if isinstance(node, Add):
        terms = [term for a in args for term in (a.args if a.is_Add else [a])]
        kept = [a for a in terms if not (a.is_Number and a.is_zero)]
        return Add(*kept, evaluate=False) if len(kept) > 1 else (kept or [args[0]])[0]
    if isinstance(node, Mul):
        factors = _repeats_as_powers(args)
        return Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]
    if isinstance(node, Pow):
        return Pow(*args, evaluate=False)
    return node.func(*args) if args != node.args else node


def as_written(expr):
    r"""An update-rule expression as a textbook writes it, same value, same operand order:
    ``g g`` → :math:`g^2`, TF1's ``rsqrt(x)`` → :math:`1/\sqrt{x}`, ``z + (g - σθ)`` → :math:`z + g - σθ`,
    and no ``+ 0`` (the kernels add ``0.0`` only to turn ``-0.0`` into ``+0.0``)."""
    rewritten: dict = {}
    for node in postorder([expr]):
        args = tuple(rewritten.get(id(a), a) for a in node.args)
        rewritten[id(node)] = _as_written_node(node, args)
    return rewritten[id(expr)]


@dataclass(frozen=True)
class UpdateRule:
    """The assignments ``target ← expression`` of one optimizer step, for a parameter θ with gradient g."""

    optimizer: Optimizer = field(compare=False)
    assignments: tuple

    def __reduce__(self):
        """Pickled and copied as it is, its expressions as built (:mod:`symopt.faithful_copies`: SymPy's own pickle
        evaluated the rule's unevaluated nodes, losing TF1's order: probe71 P71-8; final44d F44d-5)."""
        return UpdateRule, (self.optimizer, tuple(tuple(faithful(part) for part in pair) for pair in self.assignments))

    def __copy__(self):  # frozen: a shallow copy is the rule itself (the reduce above is for pickle and deepcopy)
        return self

    def _title(self) -> str:
        flags = [flag for flag in ("nesterov", "centered") if getattr(self.optimizer, flag, False)]
        return type(self.optimizer).__name__ + "".join(f" ({flag})" for flag in flags)

    def _symbol_names(self, column: int) -> dict:
        return _names([e for pair in self.assignments for e in pair], column, self.optimizer.hyperparameters)

    def _hyperparameters(self, column: int) -> list[str]:
        """``η = 0.1, ...``; a schedule's constants (``η₀ = 0.1, s = 5, r = 0.5``) instead of its rate, which the
        rule's first row computes from them."""
        number, printed = (latex_number, latex) if column else (format_number, text)
        names = self._symbol_names(column)
        shown = []
        for name, value in self.optimizer.hyperparameters.items():
            if isinstance(value, Schedule):
                symbols = value.symbols()
                shown += [f"{printed(symbols[n], symbol_names=names)} = {number(v)}"
                          for n, v in value.constants().items() if n not in value.shown_as(symbols)]
            else:
                shown.append(f"{GLYPHS.get(name, (name, _latex_text(name)))[column]} = {number(value)}")
        if _counted(set().union(*(e.free_symbols for pair in self.assignments for e in pair))):
            shown.append(COUNTER_STATED[column])
        return shown

    def text(self) -> str:
        """A title line with the hyperparameters, then one ``target ← expression`` line per assignment."""
        names = self._symbol_names(0)
        lines = [f"{self._title()}: {', '.join(self._hyperparameters(0))}"]
        lines += [f"  {text(t, symbol_names=names)} ← {text(e, unevaluated=True, symbol_names=names)}"
                  for t, e in self.assignments]
        return "\n".join(lines)

    def __str__(self) -> str:
        return for_stdout(self.text())  # print() on a console without Unicode writes the ASCII form

    def latex(self) -> str:
        """An ``aligned`` environment, one ``target \\leftarrow expression`` row per assignment; the hyperparameters
        and a long sum continue on rows of their own, as a derivation's do (:data:`~.line_breaks.WIDTH`), so those
        fit a notebook's output area (probe75 P75-3: Adam with a schedule was cut off at 668 px); a long product
        (CosineDecayRestarts' η) stays one row."""
        texts, latexes = (self._symbol_names(column) for column in (0, 1))
        header = Side(", ".join(self._hyperparameters(0)), LIST_SEPARATOR.join(self._hyperparameters(1)))
        rows = wrapped_list(self._title(), header)[1]
        for t, e in self.assignments:
            rows += _rule_rows(Side(text(t, symbol_names=texts), latex(t, symbol_names=latexes)),
                               Side(text(e, unevaluated=True, symbol_names=texts),
                                    latex(e, unevaluated=True, symbol_names=latexes)))
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def __repr__(self) -> str:
        """Short, as the other displays' (``<Graph of ...>``): ``str()`` is the rule itself."""
        return f"<UpdateRule of {self.optimizer!r}>"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """IPython's plain text: the rule ``str()`` prints, or the ``repr`` within a list or dict (:func:`pretty_text`)."""
        pretty_text(self, printer, cycle)


def _rule_rows(target: Side, value: Side) -> list[str]:
    """``target ← value`` as LaTeX rows: a new row ``&\\quad + term`` before a term of the value's sum that would take
    its text past :data:`~.line_breaks.WIDTH`; one row where it fits or the value is no sum."""
    opening = len(f"  {target.text} ← ")
    rows, width = [[rf"{target.latex} &\leftarrow"]], opening
    for index, (term_text, term_latex) in enumerate(split_terms(value)):
        if index and width + 1 + len(term_text) > WIDTH:
            rows.append([r"&\quad"])
            width = opening
        rows[-1].append(term_latex)
        width += 1 + len(term_text)
    return [" ".join(row) for row in rows]


def update_rule(optimizer: Optimizer) -> UpdateRule:
    """The update rule of ``optimizer`` (an instance such as ``symopt.Adam(0.1)``) for display."""
    if not isinstance(optimizer, Optimizer):
        raise ConfigurationError(with_compat_advice(
            f"update_rule: expected an optimizer such as symopt.Adam(0.1); given {optimizer!r}", optimizer, OPTIMIZER))
    return UpdateRule(optimizer, tuple((target, as_written(value)) for target, value in optimizer.rule()))
