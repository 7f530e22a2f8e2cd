r"""How array printers print SymPy's matrix nodes: one ``_print_<Class>`` method per node.

Products with all-ones matrices become reductions and broadcasts
(:math:`\mathbf 1^\top A` → ``A.sum(axis=0, keepdims=True)``), so no :math:`m \times m` temporary is
ever built.  :class:`MatrixPrinting` is a mixin of :class:`symopt.printers.NumPyProgramPrinter`; the
array module's name in the text is the printer's ``array_module`` (``numpy``; a JAX printer says ``jnp``).
"""

from __future__ import annotations

import re

import sympy
from sympy import Identity, MatrixSlice, OneMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.precedence import PRECEDENCE, precedence

from .chain_printing import CALLEE, ChainPrinting, is_one_operand
from .matrix_chains import merged_ones
from .nodes import LogSumExp, divisions, lambda_parts
from .symbols import is_matrix

__all__ = ["MatrixPrinting", "is_step", "is_unit_fraction", "log_softmax_parts"]


def is_unit_fraction(number) -> bool:
    r""":math:`\pm 1/q` with :math:`q > 1` a float holds exactly: ``x/q`` is one rounding (``(p/q)*x`` is the better
    print of other rationals: Python rounds :math:`p/q` once, where :math:`p \cdot x` could overflow)."""
    return number.is_Rational and abs(number.p) == 1 and 1 < number.q < 2 ** 53


def log_softmax_parts(add):
    r"""``(logits, axis)`` of a sum :math:`z - \mathrm{LSE}(z)` spread along the axis (:func:`symopt.ops.log_softmax`),
    in either order of the sum's terms, else None.
    Printed as the runtime's ``log_softmax`` (TF1's kernel, :math:`(z - c) - \log\sum e^{z - c}`): written out, the
    maximum :math:`c` inside ``logsumexp`` is added back and subtracted again, an error of ulp(c), 230 ulp at logits
    of 1000 in float64 (probe33 P33-7)."""
    if len(add.args) != 2:
        return None
    logits, spread = add.args
    if not isinstance(spread, sympy.MatMul):
        logits, spread = spread, logits
    if not isinstance(spread, sympy.MatMul):
        return None
    coefficient, matrices = spread.as_coeff_matrices()
    if coefficient != -1 or len(matrices) != 2:
        return None
    for reduced, ones, axis in ((matrices[0], matrices[1], 1), (matrices[1], matrices[0], 0)):
        if isinstance(reduced, LogSumExp) and reduced.axis == axis and reduced.matrix == logits \
                and isinstance(ones, OneMatrix):
            return logits, axis
    return None


def _split_divisor(coefficient) -> tuple:
    r"""``(numerator, divisor)`` of a scalar coefficient: the divisor collects the factors :math:`b^{-k}` (a negative
    integer power) and a unit fraction's denominator; ``-w/(3*m)`` gives ``(-w, 3*m)``."""
    numerator, divisor = [], []
    for factor in sympy.Mul.make_args(coefficient):
        if is_unit_fraction(factor):
            numerator.append(sympy.Integer(factor.p))
            divisor.append(sympy.Integer(factor.q))
        elif isinstance(factor, sympy.Pow) and factor.exp.is_Integer and factor.exp < 0:
            divisor.append(sympy.Pow(factor.base, -factor.exp))
        else:
            numerator.append(factor)
    return sympy.Mul(*numerator), sympy.Mul(*divisor)


def _ones_scale(term):
    r"""The scalar :math:`c` of a term :math:`c\,\mathbf 1` (an all-ones matrix, :math:`c = 1`; a scalar bias
    :math:`b\,\mathbf 1_{m \times 1}`), else None: beside a term of the full shape it is added as the number, which
    broadcasts (``t1 += b``, not ``t1 += b*numpy.ones((m, 1))``: the same sums, no m-vector per call, probe72 P72-8).
    Only a symbol or an integer or float, or its negative: a scale that computes (``0.7/m``) would do it on Python
    numbers, not in the program's dtype (final44a F44a-9), so it keeps ``0.7*numpy.ones((m, 1))/m``."""
    if isinstance(term, OneMatrix):
        return sympy.S.One
    if isinstance(term, sympy.MatMul):
        coefficient, matrices = term.as_coeff_matrices()
        if len(matrices) == 1 and isinstance(matrices[0], OneMatrix) and not is_matrix(coefficient) and \
                any(c.is_Symbol or c.is_Integer or c.is_Float for c in (coefficient, -coefficient)):
            return coefficient
    return None


class MatrixPrinting(ChainPrinting):
    """``_print_<Class>`` methods for matrix nodes (mixed into a SymPy code printer); chains of products are
    :class:`~symopt.chain_printing.ChainPrinting`'s."""

    def _print_MatPow(self, expr):
        """``S**n`` as ``numpy.linalg.matrix_power``, ``S**-1`` as ``inverse(S)`` (:func:`symopt.runtime.inverse`: NaN
        where ``S`` is singular, not NumPy's ``LinAlgError``); a 1 x 1 matrix's power (``sqrt(r @ q)``) entry by entry."""
        base, exponent = expr.args
        if tuple(base.shape) == (1, 1):
            return self._print_HadamardPower(expr)
        if exponent.is_Integer and exponent < 0:
            inverse = f"inverse({self._print(base)})"
            return inverse if exponent == -1 else f"{self.matrix_module}.linalg.matrix_power({inverse}, {-exponent})"
        return f"{self.matrix_module}.linalg.matrix_power({self._print(base)}, {self._print(exponent)})"

    def _print_Determinant(self, expr):
        return f"{self.matrix_module}.linalg.det({self._print(expr.arg)})"

    def _print_Inverse(self, expr):
        return f"inverse({self._print(expr.arg)})"

    def _print_Transpose(self, expr):
        arg = expr.arg
        if isinstance(arg, sympy.MatPow) and arg.exp == -1 and tuple(arg.base.shape) != (1, 1):
            return f"{self._print(arg)}.T"  # a call, inverse(S): no parentheses needed
        return f"{self.parenthesize(arg, PRECEDENCE['Atom'], strict=True)}.T"

    def _print_MatAdd(self, expr):
        """``A + B - C`` (a negated first term goes second: ``B - A``, not ``-A + B``); an all-ones term (times a
        scalar, :func:`_ones_scale`) beside a term of the full shape as the number 1 (the scalar), which broadcasts
        (``1 - y``, not ``numpy.ones((m, 1), dtype='float64') - y``); :math:`z - \\mathrm{LSE}(z)` as the runtime's
        ``log_softmax(z, axis=1)``; a sum of slices' adjoints as the runtime's ``placed_sum``
        (one array, each value added into its slice)."""
        log_softmax = log_softmax_parts(expr)
        if log_softmax is not None:  # the logits, whichever term SymPy put first (it printed the spread: -LSE)
            return f"log_softmax({self._print(log_softmax[0])}, axis={log_softmax[1]})"
        placed = [self._placed(term) for term in expr.args]
        if all(placed) and len({shape for _, shape, _, _ in placed}) == 1:  # Rosenbrock's x[1:] and x[:-1] (P72-3)
            pieces = ", ".join(f"({value}, {rows}, {cols})" for value, _, rows, cols in placed)
            return f"placed_sum(({placed[0][1]}), {pieces})"
        texts = self._elementwise_operands(expr.args)
        scales = [_ones_scale(a) for a in expr.args]
        if any(self._unbroadcast(a) is None and scale is None for a, scale in zip(expr.args, scales)):
            texts = [text if scale is None else self._scale_text(scale) for scale, text in zip(scales, texts)]
        if len(texts) > 1 and texts[0].startswith("-") and not texts[1].startswith("-"):
            texts[:2] = texts[1], texts[0]  # b - a, not -a + b: no negated copy of a (the same bits, P72-9)
        pieces = []
        for text in texts:
            if pieces and text.startswith("-"):
                pieces.append(f"- {text[1:]}")
            else:
                pieces.append(f"+ {text}" if pieces else text)
        return " ".join(pieces)

    def _scale_text(self, scale) -> str:
        """A sum's all-ones term as its scalar: a negative one with its sign in front, so the sum subtracts
        (``u - 255``: NumPy refuses ``u + (-255)`` for a uint8 ``u``, where TF1 wraps)."""
        if scale.could_extract_minus_sign() and not scale.is_Add:
            return self._print(scale)
        return self.parenthesize(scale, PRECEDENCE["Add"])

    def _print_HadamardProduct(self, expr):
        """``A*B``; a factor :math:`B^{\\circ -1}` divides where it stands, ``A/B*C``: one rounding, as NumPy's and
        TF1's division (``A*B**(-1)`` rounds twice, ``A*C/B`` can overflow where ``A/B*C`` does not), and
        :math:`B^{\\circ -2}` divides twice, ``A/B/B``; the first numerator goes first.  A divisor that broadcasts (a
        row sum) divides in its own shape when a numerator has the full shape."""
        counts = [divisions(a) for a in expr.args]
        numerators = [a for a, count in zip(expr.args, counts) if not count]
        if not numerators or not any(counts):
            return "*".join(self._elementwise_operands(expr.args, PRECEDENCE["Mul"]))
        texts = iter(self._elementwise_operands(numerators, PRECEDENCE["Mul"]))
        full = any(self._unbroadcast(a) is None for a in numerators)
        first = counts.index(0)
        steps = []
        for i in [first] + [i for i in range(len(counts)) if i != first]:
            factor, count = expr.args[i], counts[i]
            if not count:
                steps.append(("*", next(texts)))
                continue
            bare = self._unbroadcast(factor.base)
            divisor = self.parenthesize_text(bare) if full and bare is not None else \
                self.parenthesize(factor.base, PRECEDENCE["Mul"])
            steps.extend([("/", divisor)] * count)
        return self.chained(steps)

    def _elementwise_operands(self, operands, level=None) -> list[str]:
        """Print operands of ``+`` or ``*``; broadcasts become NumPy's implicit broadcasting
        when another operand already has the full shape, and in a product a matrix of ones times a plain scalar
        (:func:`_ones_scale`) its scalar (``t0*(p - y)``, not ``(t0*numpy.ones((m, k)))*(p - y)``: the same bits, NumPy
        rounds a Python number to the array's dtype first, and no batch x classes ones)."""
        bare = [self._unbroadcast(a) for a in operands]
        full = any(b is None for b in bare)
        boolean_steps = level is not None and not all(is_step(a) for a in operands)
        scales = [_ones_scale(a) if level is not None else None for a in operands]
        if not any(b is None and c is None and not is_step(a) for a, b, c in zip(operands, bare, scales)):
            scales = [None] * len(operands)  # no operand of the full shape that computes in the program's dtype
        texts = []
        for operand, plain, scale in zip(operands, bare, scales):
            if scale is not None:  # c times a matrix of ones beside a full operand: the number c, which broadcasts
                texts.append(self.parenthesize(scale, level))
            elif full and plain is not None:
                texts.append(plain if level is None else f"({plain})")
            elif boolean_steps and is_step(operand):
                texts.append(f"({self.parenthesize(operand.expr, PRECEDENCE['Atom'], strict=True)} > 0)")
            else:
                texts.append(self._print(operand) if level is None else self.parenthesize(operand, level))
        return texts

    def _unbroadcast(self, operand):
        """The text of a broadcasting product without its ``broadcast_to``, or None."""
        if not isinstance(operand, sympy.MatMul):
            return None
        coefficient, matrices = operand.as_coeff_matrices()
        count, matrices = merged_ones(matrices)
        coefficient *= count
        _, _, bare = self._fold(matrices)
        if bare is None:
            return None
        if coefficient == 1:
            return bare
        if coefficient == -1:
            return f"-{self.parenthesize_text(bare)}"
        return f"{self.parenthesize(coefficient, PRECEDENCE['Mul'])}*{self.parenthesize_text(bare)}"

    def _print_HadamardPower(self, expr):
        base, exponent = expr.args
        return f"{self.parenthesize(base, PRECEDENCE['Pow'] + 1)}**{self.parenthesize(exponent, PRECEDENCE['Pow'] + 1)}"

    def _print_ElementwiseApplyFunction(self, expr):
        dummy, body = lambda_parts(expr.function)
        text, entry = self._printed_body(body, dummy)
        if re.fullmatch(CALLEE + re.escape(f"({entry})"), text):  # numpy.exp(entry): the call's parentheses serve
            text = text.replace(entry, self._print(expr.expr))
        else:
            text = text.replace(entry, self.parenthesize(expr.expr, PRECEDENCE["Atom"], strict=True))
        # the body may be a sum or product: keep it one operand of the enclosing @, *, + ...
        # (nodes that declare their precedence are parenthesized by the caller instead)
        if hasattr(expr, "precedence") or (precedence(body) >= PRECEDENCE["Func"] and is_one_operand(text)):
            return text
        return f"({text})"

    def _printed_body(self, body, dummy) -> tuple[str, str]:
        """``(text, entry)``: a map's ``body`` printed with its entry ``dummy`` written as the name ``entry``, one
        of its own (a map inside the body has another)."""
        placeholder = sympy.Dummy("arg")
        entry = f"__symopt_entry{placeholder.dummy_index}__"
        self.names[placeholder] = entry
        try:
            return self._print(body.xreplace({dummy: placeholder})), entry
        finally:
            self.names.pop(placeholder, None)

    def _print_ElementSum(self, expr):
        r"""``sum(A)``; all-ones factors at either end of a product only scale it:
        :math:`\sum (\mathbf 1_{a\times r} M \mathbf 1_{c\times b}) = a\,b \sum M`."""
        matrix, factor = expr.matrix, sympy.S.One
        if isinstance(matrix, sympy.MatMul):
            coefficient, matrices = matrix.as_coeff_matrices()
            matrices = list(matrices)
            while len(matrices) > 1 and isinstance(matrices[0], OneMatrix):
                factor *= matrices.pop(0).shape[0]
            while len(matrices) > 1 and isinstance(matrices[-1], OneMatrix):
                factor *= matrices.pop().shape[1]
            if factor != 1 or len(matrices) < len(matrix.as_coeff_matrices()[1]):
                matrix, factor = sympy.MatMul(*matrices) if len(matrices) > 1 else matrices[0], factor * coefficient
        total = f"{self.parenthesize(matrix, PRECEDENCE['Atom'], strict=True)}.sum()"
        if factor == 1 or factor == -1:
            return total if factor == 1 else f"-{total}"
        return f"{self.parenthesize(factor, PRECEDENCE['Mul'])}*{total}"

    def _print_LogSumExp(self, expr):
        return f"logsumexp({self._print(expr.matrix)}, axis={expr.axis})"

    def _print_OneMatrix(self, expr):
        return f"{self.matrix_module}.ones(({self._print(expr.shape[0])}, {self._print(expr.shape[1])}), dtype={self.dtype!r})"

    def _print_ZeroMatrix(self, expr):
        return f"{self.matrix_module}.zeros(({self._print(expr.shape[0])}, {self._print(expr.shape[1])}), dtype={self.dtype!r})"

    def _print_Identity(self, expr):
        return f"{self.matrix_module}.eye({self._print(expr.shape[0])}, dtype={self.dtype!r})"

    def _print_MatrixSlice(self, expr):
        """A block of an identity, ``I[r0:r1, c0:c1]`` (a slice's adjoint scatters through one), is
        ``eye(r1 - r0, c1 - c0, k=r0 - c0)``: no ``n x n`` identity is built.  Other slices print as Python's."""
        parent, (row_start, row_stop, row_step), (col_start, col_stop, col_step) = expr.args
        if isinstance(parent, Identity) and row_step == 1 and col_step == 1:
            rows, cols = self._print(row_stop - row_start), self._print(col_stop - col_start)
            offset = self._print(row_start - col_start)
            return f"{self.matrix_module}.eye({rows}, {cols}, k={offset}, dtype={self.dtype!r})"
        size = parent.shape[0]
        if not sympy.sympify(size).is_Integer and (row_start, row_stop, row_step) != (0, size, 1):
            picked = "batch_rows({}, {}, {}, {})".format(self._print(parent), *map(self._print, (row_start, row_stop,
                                                                                                  row_step)))
            if (col_start, col_stop, col_step) == (0, parent.shape[1], 1):
                return picked  # rows of a batch: checked against the fed batch size (runtime.batch_rows)
            columns = super()._print_MatrixSlice(expr.func(OneMatrix(1, parent.shape[1]), (0, 1, 1),
                                                           (col_start, col_stop, col_step)))
            return f"{picked}[{columns.split('[', 1)[1]}"
        return super()._print_MatrixSlice(expr)

    def _print_Trace(self, expr):
        return f"{self.matrix_module}.trace({self._print(expr.arg)})"

    def _print_ImmutableDenseMatrix(self, expr):
        rows = ", ".join("[" + ", ".join(self._print(v) for v in expr.row(i)) + "]" for i in range(expr.rows))
        return f"{self.matrix_module}.array([{rows}], dtype={self.dtype!r})"

    def _print_MatMul(self, expr):
        placed = self._placed(expr)
        if placed is not None:  # a slice's adjoint R^T V C^T: V placed into zeros (no eye(k, n))
            value, shape, rows, cols = placed
            return f"place({value}, ({shape}), {rows}, {cols})"
        coefficient, matrices = hoisted_coefficients(*expr.as_coeff_matrices())
        count, matrices = merged_ones(matrices)  # 1 1 = k 1 (F42a-13: a SymPy-built MatMul keeps them apart)
        return self._scaled(coefficient * count, self._fold_product(matrices)[0])

    def _placed(self, expr):
        r"""``(value, shape, rows, cols)`` texts of a slice's adjoint :math:`R^\top V C^\top` (rows and columns
        ``(start, stop, step)`` or ``None`` for a whole axis), else None."""
        if not isinstance(expr, sympy.MatMul):
            return None
        coefficient, matrices = expr.as_coeff_matrices()
        count, matrices = merged_ones(matrices)
        rows = _placement(matrices[0], left=True) if len(matrices) > 1 else None
        cols = _placement(matrices[-1], left=False) if len(matrices) > 1 + (rows is not None) else None
        if rows is None and cols is None:
            return None
        inner = matrices[1 if rows is not None else 0:-1 if cols is not None else None]
        text = self._fold_product(inner)[0] if len(inner) > 1 else self.parenthesize(inner[0], PRECEDENCE["Mul"] + 1)
        shape = ", ".join(map(self._print, expr.shape))
        specs = ["None" if spec is None else "({}, {}, {})".format(*map(self._print, spec)) for spec in (rows, cols)]
        return self._scaled(coefficient * count, text), shape, specs[0], specs[1]

    def _scaled(self, coefficient, text: str) -> str:
        """``coefficient * text`` (the printed product ``text``); in a forward value (``divides``) the coefficient's
        divisors divide, ``text/m`` for :math:`\frac{1}{m}` (one rounding, as NumPy's and TF1's ``x / m``)."""
        numerator, divisor = _split_divisor(coefficient) if self.divides else (coefficient, sympy.S.One)
        if numerator == 1 and divisor == 1:
            return text
        if " @ " in text and not is_one_operand(text):  # scale the (small) product, not its (large) first factor
            text = f"({text})"
        if numerator == -1:
            text = f"-{text}"
        elif numerator != 1:
            text = f"{self.parenthesize(numerator, PRECEDENCE['Mul'])}*{text}"
        return text if divisor == 1 else f"{text}/{self.parenthesize(divisor, PRECEDENCE['Mul'])}"


def hoisted_coefficients(coefficient, matrices: list) -> tuple:
    """``(coefficient, matrices)`` with the scalar coefficient of each scaled factor (``2*(X@W - 1)`` of an
    unevaluated product, a gradient's) moved to the product's own: ``(1/m)*(X.T @ (2*r))`` is ``(2/m)*(X.T @ r)``,
    which scales the small product once where the scaled factor could overflow first (TF1 scales the cotangent by
    ``1/m`` before the matmul: float16 ``X.T @ (2*r)`` was inf where TF1's gradient is 59712, probe78 P78-4)."""
    factors = []
    for matrix in matrices:
        scale, matrix = _scaled_apart(matrix)
        coefficient *= scale
        factors.append(matrix)
    return coefficient, factors


def _scaled_apart(matrix) -> tuple:
    """``(c, A)`` for a factor ``c*A`` of a number ``c``: an elementwise ``x -> c*x`` of ``A`` (Square's gradient
    ``2*r``) or a scaled product; ``(1, matrix)`` otherwise."""
    if isinstance(matrix, ElementwiseApplyFunction) and isinstance(matrix.function, sympy.Lambda):
        (variable,), body = matrix.function.variables, matrix.function.expr
        scale = body / variable
        if scale.is_Number and body == scale * variable:
            return scale, matrix.expr
    if isinstance(matrix, sympy.MatMul):
        scale, rest = matrix.as_coeff_matrices()
        if scale != 1 and rest:
            return scale, rest[0] if len(rest) == 1 else sympy.MatMul(*rest, evaluate=False)
    return sympy.S.One, matrix


def is_step(node) -> bool:
    """An elementwise Heaviside step, printed ``(x > 0)`` inside a product."""
    from .functions import step
    if not isinstance(node, ElementwiseApplyFunction):
        return False
    dummy, body = lambda_parts(node.function)
    return body == step(dummy)


def _placement(factor, left: bool):
    """``(start, stop, step)`` when ``factor`` is :math:`R^\top` (``left``; ``R = I_n[rows, :]``) or :math:`C^\top`
    (right; ``C = I_n[:, cols]``), the factors of a slice's adjoint :math:`R^\top V C^\top`; else None."""
    if not isinstance(factor, sympy.Transpose) or not isinstance(factor.arg, MatrixSlice) \
            or not isinstance(factor.arg.parent, Identity):
        return None
    whole = (0, factor.arg.parent.shape[0], 1)
    picked, other = (factor.arg.rowslice, factor.arg.colslice) if left else (factor.arg.colslice, factor.arg.rowslice)
    return tuple(picked) if tuple(other) == whole and tuple(picked) != whole else None
