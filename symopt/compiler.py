r"""Compile a cost into generated NumPy/Python functions.

* :func:`compile` — ``f(**inputs) -> (J, ∇J)`` from ONE generated function.
* :func:`compile_expressions` — any expressions, no gradients (:func:`symopt.evaluation.evaluate` runs them on
  data).

Fusing an optimizer's update into the step is :mod:`symopt.fused`.

Every compiled object exposes ``.source``; tracebacks point into it.
"""

from __future__ import annotations

import functools
from typing import Mapping, Sequence

import numpy as np
import sympy

from .cache import CACHE, BoundedCache
from .call_signatures import CallSignatures, call_signature
from .binding import as_value, batch_axes, batch_size, names_of, resolve_feed, with_keywords
from .code_rules import code_gradients
from .codegen import compile_source
from .declared_dtype import infer_dtype
from .disk_cache import cache_directory, cached_function, carried_directory, keep_function, usable_directory
from .emit import choose_backend, emit, make_printer, scalar_type
from .printers import PRINTERS, printer_for
from .errors import FeedError, UnsupportedOperationError
from .faithful_copies import faithful
from .program import Program, build_program
from .standalone import MATH_ERRORS, standalone_source
from .jax_compile import jax_value_and_grad
from .jax_printer import check_backend, jax_dtype, require_jax
from .layouts import row_major_gradient
from .depth import depth_limited
from .derivative_refusals import refuse_symbol_conditions
from .logic_operators import refuse_logic_of_numbers
from .keyword_advice import DEVICE_ADVICE, refusing_unknown_keywords
from .symbols import BATCH, declared_value, symbolic
from .traversal import free_symbols, unique_nodes
from .unevaluated_operators import UNEVALUATED, unevaluated_advice
from .label_ranges import check_labels, label_ranges_of
from .wrt import check_inputs, flatten, resolve_wrt, restructure, scalar_cost

__all__ = ["compile", "CompiledFunction", "value_and_grad_program", "compile_expressions", "free_inputs", "infer_dtype",
           "scalar_of", "CACHE", "BoundedCache"]


#: ``free_inputs`` of recent expression lists: a repeated compile or minimize of one cost (a cache hit) does not walk
#: it and sort its symbols by printed name again (4096 symbols: 16 k ``sstr`` calls a call).
_FREE_INPUTS = BoundedCache(256)
_COLUMN = np.zeros((1, 1))  # what declared_value is asked about once per parameter: does it reshape a column?


def free_inputs(expressions: Sequence[sympy.Basic]) -> list:
    """Symbols and matrix symbols an expression reads (not the batch size), sorted by name.  SymPy's ``Indexed``
    (``x[k]`` of an ``IndexedBase``) is refused: its base would be fed as a scalar."""
    expressions = [symbolic(e) for e in expressions]
    return list(_FREE_INPUTS.get_or_build(tuple(expressions), lambda: _free_inputs(expressions)))


def _free_inputs(expressions: list) -> tuple:
    roots = [e for e in expressions if isinstance(e, sympy.Basic)]
    nodes = unique_nodes(roots)  # each shared node once
    unevaluated = [node for node in nodes if isinstance(node, UNEVALUATED)]
    if unevaluated:
        node = min(unevaluated, key=str)
        raise UnsupportedOperationError(
            f"{node} is an unevaluated SymPy {type(node).__name__}, which symopt cannot compile (no data can give it "
            f"a value): {unevaluated_advice(node)}")
    entries = [node for node in nodes if isinstance(node, sympy.Indexed)]
    if entries:
        indexed = min(entries, key=str)
        base = indexed.base.label
        raise UnsupportedOperationError(
            f"{indexed} is an entry of SymPy's IndexedBase {base}; symopt feeds symbols and matrices, not indexed "
            f"bases: declare {base} = symopt.Placeholder({str(base)!r}, (n,)) (or sympy.MatrixSymbol({str(base)!r}, n, "
            f"1)) and write a sum over k with the whole matrix, its slices and matrix products ({base}[1:, :], "
            f"symopt.ops.sum(...), {base}.T @ y: vectorized code, docs/models.md 'Write whole matrices and slices, not "
            f"entries'); {base}[k, 0] (or one symbol per entry) for a few entries only: a sum over n entries of them "
            f"compiles to n lines of scalar code")
    refuse_symbol_conditions(nodes)  # Piecewise((w**2, b), (w, True)): a fed b read as a truth value
    refuse_logic_of_numbers(nodes)  # sympy.Not(w), sympy.Xor(w, a > 0): a fed w read as a truth value
    found = free_symbols(expressions) - {BATCH}
    return tuple(sorted(found, key=lambda s: (str(s), type(s).__name__)))


def highlighted_html(source: str) -> str:
    """Generated code as HTML: syntax-highlighted with Pygments when installed, else a plain ``<pre>``."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer
    except ImportError:
        import html
        return f"<pre class='symopt-source'>{html.escape(source)}</pre>"
    # the <pre> paints Pygments' light background and ink itself: a notebook's dark theme restyles <pre>, which put
    # the blue names on near-black (probe59 P59-2)
    background = HtmlFormatter().style.background_color  # the style's own, as on its outer <div>
    formatter = HtmlFormatter(noclasses=True, prestyles=f"background: {background}; color: #000000")
    return highlight(source, PythonLexer(), formatter)


class CompiledFunction:
    """``f(inputs) -> (value, gradient)``: call with keywords by name, or one dict keyed by symbols.

    ``program`` is the :class:`~symopt.program.Program` (or, for a function loaded from the disk cache, what
    rebuilds it on first access to :attr:`program`); ``numpy_version()`` is the same program printed with NumPy
    (for ``math`` programs); ``device_arrays``: array types passed through unconverted (JAX's ``jax.Array``).
    ``function(*args)`` is the generated function itself; ``agreeing_function(*args)`` the same, answered by the NumPy
    program where Python's floats raise (``math.log(0)``), so it gives NumPy's inf or nan as a call ``f(...)`` does.
    """

    def __init__(self, function, program, inputs: list, wrt, dtype: str, module: str, numpy_version=None,
                 device_arrays: tuple = ()):
        self.function, self.inputs, self.wrt, self.dtype, self.module = function, inputs, wrt, dtype, module
        self.numpy_version, self.device_arrays = numpy_version, device_arrays
        self.agreeing_function = function if numpy_version is None else _agreeing_with_numpy(function, numpy_version)
        self._program = program
        self._by_name = names_of(self.inputs)
        self._data_names = [str(s) for s in inputs[len(flatten(wrt)):]]  # the inputs after wrt (the data)
        #: whether the caller chose the data's positional order (``compile(..., inputs=[x, t])``); without it only a
        #: function of one data input takes its data by position
        self.ordered_inputs = False
        self._batch_axes = batch_axes(self.inputs)
        self._scalar_type = scalar_type(self.module, self.dtype)
        #: per parameter, whether :func:`~symopt.symbols.declared_value` reshapes its gradient (a rank-1 parameter's
        #: ``(n,)`` vector): asked once here, as calling it per call reads the symbol's shape (~2 µs) every time
        self._rank_one = [declared_value(s, _COLUMN) is not _COLUMN for s in flatten(wrt)]
        #: the calls checked in full, by signature (JAX's calls always take the checked path)
        self._signatures = CallSignatures(self.inputs, self._by_name, dtype, self._scalar_type,
                                          checked_always=module == "jax")
        self.recipe = None  # (cost, wrt, inputs, dtype, backend, cache_dir): symopt.compile's arguments, for pickling
        self.label_ranges = {}  # {input: ranges} of the inputs the cost's losses read as labels (label_ranges.py)

    @property
    def source(self) -> str:
        """The generated function, for reading: it calls the helpers and modules symopt gives it as globals."""
        return self.function.source

    @property
    def standalone_source(self) -> str:
        """:attr:`source` as a module that runs without symopt (NumPy and math backends): its imports, ``dtype`` and
        the source of each runtime helper it calls, dependencies first (:mod:`symopt.standalone`); a ``math``
        program with its NumPy twin, which answers where Python's floats raise, as a call does."""
        return standalone_source(self.function, None if self.numpy_version is None else self.numpy_version())

    @property
    def program(self) -> Program:
        r"""The straight-line program of :math:`J` and :math:`\nabla J` (rebuilt here for a function from disk)."""
        if not isinstance(self._program, Program):
            self._program = self._program()
        return self._program

    def bind(self, args: tuple, kwargs: dict) -> list:
        """Check and convert call arguments into the generated function's positional values."""
        if self.module == "jax" and self.dtype == "float64":
            # 64-bit JAX switched off since compiling: the call would compute in float32
            jax_dtype(self.dtype, declared=self.recipe is not None and self.recipe[3] is None)
        signature, given = call_signature(args, kwargs)
        values = self._signatures.values(signature, given) if signature is not None else None
        if values is None:
            values = self._checked_values(args, kwargs)
            if signature is not None:
                self._signatures.remember(signature)
        check_labels(self.label_ranges, self.inputs, values)
        batch_size(self.inputs, values, self._batch_axes)
        return values

    def _checked_values(self, args: tuple, kwargs: dict) -> list:
        """The positional values of a call, every key and value checked and converted."""
        if len(args) == 1 and isinstance(args[0], Mapping):  # one dict, with keywords for the rest if any
            feed, given = resolve_feed(args[0], self.inputs, by_name=self._by_name), "in the dict"
        else:
            if len(args) > len(self.inputs):
                raise FeedError(f"expected at most {len(self.inputs)} positional inputs "
                                f"({', '.join(map(str, self.inputs))}); given {len(args)}")
            self._check_positional_order(len(args))
            feed, given = dict(zip(self.inputs, args)), "by position"
        if kwargs:
            feed = with_keywords(feed, kwargs, self.inputs, given, by_name=self._by_name)
        if len(feed) < len(self.inputs):
            missing = [str(s) for s in self.inputs if s not in feed]
            raise FeedError(f"missing inputs {missing}; expected values for {[str(s) for s in self.inputs]}")
        return [as_value(s, feed[s], self.dtype, self._scalar_type, self.device_arrays) for s in self.inputs]

    def _check_positional_order(self, given: int) -> None:
        """Positional values fill ``wrt`` in the caller's order, then the data inputs in the order ``inputs=`` gave.
        Without ``inputs=``, data of two or more inputs given by position is refused: their order (by name) would be
        a guess about the caller's (SciPy's ``args=(x, t)``), and a wrong guess fits swapped data without an error."""
        data_given = given - len(flatten(self.wrt))
        if data_given <= 0 or self.ordered_inputs or len(self._data_names) < 2:
            return
        keywords = ", ".join(f"{name}=..." for name in self._data_names)
        raise FeedError(f"{data_given} data value(s) given by position, but this function reads "
                        f"{len(self._data_names)} data inputs {self._data_names} and was compiled without inputs=, so no positional order was "
                        f"chosen for them; pass them by keyword, f(..., {keywords}), or a dict keyed by symbol, or fix "
                        "the order with symopt.compile(cost, wrt, inputs=[...]) (SciPy's args=(...) then follows it)")

    def __call__(self, /, *args, **kwargs):  # positional-only self: a parameter may be named "self"
        value, gradients = self.agreeing_function(*self.bind(args, kwargs))
        return scalar_of(value), restructure(self.wrt, [np.reshape(g, -1) if rank_one else scalar_of(g)  # its reshape
                                                        for rank_one, g in zip(self._rank_one, gradients)])

    def common_subexpressions(self) -> list:
        """The program's temporaries: ``[(name, expression), ...]``."""
        return list(self.program.assignments)

    def operation_counts(self) -> dict[str, int]:
        return self.program.operation_counts()

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.source}```"

    def _repr_html_(self) -> str:
        return highlighted_html(self.source)

    def __repr__(self) -> str:
        return f"<CompiledFunction, {self.dtype}, {self.module}>\n{self.source}"

    def __reduce__(self):
        """Pickled as the call that made it (``multiprocessing``, ``joblib``), the cost as built, unevaluated nodes
        included (:mod:`symopt.faithful_copies`): unpickling compiles the cost again, to the same source, from the
        in-process or disk cache when it holds it."""
        if self.recipe is None:
            raise UnsupportedOperationError("this CompiledFunction was not made by symopt.compile, so it cannot be "
                                            "pickled; pickle the cost and wrt and compile them where they are used")
        cost, *rest = self.recipe
        return _recompiled, (faithful(cost), *rest)

    def __copy__(self):
        """The function itself: compiled code is never changed (the reduce above, for pickle and deepcopy, handed
        ``copy.copy`` the cost still wrapped: probe95 P95-2)."""
        return self


def scalar_of(value):
    """A 0-d array (``numpy.where`` of a scalar Piecewise, ``numpy.maximum``'s mask) as the NumPy scalar every other
    scalar output is (``np.float32(4.0)``, not ``array(4., dtype=float32)``); anything else unchanged."""
    return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value


@refusing_unknown_keywords(advice=DEVICE_ADVICE)
@depth_limited("compile")
def compile(cost, wrt, *, inputs: Sequence | None = None, dtype=None, backend: str = "numpy",  # noqa: A001
            cache_dir=None) -> CompiledFunction:
    r"""Compile :math:`J` and :math:`\nabla_\theta J` into one generated function.

    ``wrt`` is a symbol, a list or a dict of symbols; ``inputs`` (symbols or their names) fixes the order of
    the other inputs, the data (default: every other free symbol, sorted by name, and then data of two or more
    inputs is taken by keyword or in a dict only, never by position).  ``backend="jax"``
    prints ``jnp`` code and runs it under ``jax.jit`` (float32 unless ``dtype="float64"``, or, with 64-bit JAX on,
    the symbols' declared dtype as on NumPy); it takes JAX
    arrays as they are (on the device) and returns JAX arrays.  ``cache_dir`` (or ``$SYMOPT_CACHE_DIR``)
    keeps the generated source on disk, so a later process skips differentiation and code generation
    (:mod:`symopt.disk_cache`).
    """
    check_backend(backend)
    directory = cache_directory(cache_dir)  # an untrusted directory is refused even when the memory cache answers
    cost = scalar_cost(cost)
    wrt, parameters = resolve_wrt(cost, wrt)
    chosen = set(parameters)
    others = [s for s in free_inputs([cost]) if s not in chosen]
    if inputs is not None:
        inputs = check_inputs(inputs, parameters, others)
        unknown = [s for s in others if s not in inputs]
        if unknown:
            raise FeedError(f"the cost also reads {unknown}; list them in inputs=")
        others = inputs
    symbols = parameters + others
    if backend == "jax":
        given, dtype = dtype, jax_dtype(dtype, symbols)
        function, program = jax_value_and_grad(cost, parameters, symbols, dtype, directory)
        compiled = CompiledFunction(function, program, symbols, wrt, dtype, "jax", device_arrays=(require_jax().Array,))
        # the dtype as given: a None resolves again where the pickle loads (64-bit JAX may be off there: final48d 48d-1)
        compiled.recipe = (cost, wrt, inputs, given, backend, carried_directory(cache_dir, directory))
        compiled.ordered_inputs = inputs is not None
        compiled.label_ranges = label_ranges_of(cost, others)
        return compiled
    dtype = infer_dtype(symbols, dtype)
    key = ("value_and_grad", cost, tuple(parameters), tuple(others), dtype)

    def build(module=None):
        fields = (cost, parameters, symbols, dtype, module)
        built = CACHE.get_or_build(key + (module,), lambda: cached_function(
            directory, fields, lambda: _build_value_and_grad(cost, parameters, symbols, dtype, module),
            lambda source, loaded_module: _loaded(source, loaded_module, dtype),
            functools.cache(lambda: value_and_grad_program(cost, parameters, symbols)), kept_as=key + (module,)))
        if directory is not None:  # the memory cache answered without writing it there (probe95 P95-3)
            keep_function(directory, key + (module,), fields, built[0], built[2])
        return built

    function, program, module = build()
    numpy_version = (lambda: build("numpy")[0]) if printer_for(module).raises_on_overflow else None
    compiled = CompiledFunction(function, program, symbols, wrt, dtype, module, numpy_version)
    compiled.recipe = (cost, wrt, inputs, dtype, backend, carried_directory(cache_dir, directory))
    compiled.ordered_inputs = inputs is not None
    compiled.label_ranges = label_ranges_of(cost, others)
    return compiled


def _recompiled(cost, wrt, inputs, dtype, backend, cache_dir=None) -> CompiledFunction:
    """A pickled function compiled again where it is loaded, with its disk cache (:func:`carried_directory`; none in
    pickles made before probe95 P95-4 carried it)."""
    return compile(cost, wrt, inputs=inputs, dtype=dtype, backend=backend, cache_dir=usable_directory(cache_dir))


def value_and_grad_program(cost, parameters: list, symbols: list) -> Program:
    r"""The :class:`~symopt.program.Program` of :math:`(J, \nabla_\theta J)` with arguments ``symbols``."""
    # (A^T D)^T as D^T A: returned row-major
    gradients = [row_major_gradient(g) for g in code_gradients(cost, parameters)]
    return build_program([cost] + gradients, symbols, values=[True] + [False] * len(parameters))


def _loaded(source: str, module: str, dtype: str):
    """A ``value_and_grad`` source from the disk cache, compiled for its NumPy or ``math`` module."""
    if module not in PRINTERS:
        raise ValueError(f"module {module!r}")
    return compile_source(source, "value_and_grad", printer_for(module)({}, dtype=dtype).namespace())


def _build_value_and_grad(cost, parameters: list, symbols: list, dtype: str, module: str | None = None):
    program = value_and_grad_program(cost, parameters, symbols)
    module = module or choose_backend(program, dtype)
    return _compiled(program, module, dtype, "value_and_grad", "value_and_grad"), program, module


def _compiled(program: Program, module: str, dtype: str, kind: str, name: str):
    """``program`` emitted as function ``name`` of ``kind`` with backend ``module``, compiled."""
    printer = make_printer(program, module, dtype)
    return compile_source(emit(program, printer, kind, name), name, printer.namespace())


def compile_expressions(outputs: Sequence, inputs: Sequence, *, dtype: str, name: str = "evaluate",
                        vectorized: bool = False, values: Sequence[bool] | None = None):
    """One generated function ``f(*inputs) -> tuple(outputs)`` (no gradients).

    ``vectorized=True`` prints scalar programs with NumPy, so scalar inputs may be arrays (grids for plots).
    ``values[i]`` False marks output ``i`` as a gradient (TF1's backward rounding: :attr:`Program.forward`).
    Compiled functions are cached (bounded, shared with :func:`compile`).
    """
    outputs = [symbolic(o, "output") for o in outputs]
    values = None if values is None else tuple(bool(v) for v in values)
    key = ("expressions", tuple(outputs), tuple(inputs), dtype, name, vectorized, values)
    return CACHE.get_or_build(key, lambda: _build_expressions(outputs, inputs, dtype, name, vectorized, values))


def _build_expressions(outputs: list, inputs: Sequence, dtype: str, name: str, vectorized: bool, values):
    program = build_program(outputs, list(inputs), values)
    module = "numpy" if vectorized else choose_backend(program, dtype)
    function = _compiled(program, module, dtype, "evaluate", name)
    if printer_for(module).raises_on_overflow:
        function = _agreeing_with_numpy(function, functools.cache(
            lambda: _compiled(program, "numpy", dtype, "evaluate", name)))
    return function, module


def _agreeing_with_numpy(function, numpy_function):
    """``function`` (a ``math`` program), run again as the NumPy program where it raises one of
    :data:`~symopt.standalone.MATH_ERRORS`, so every caller (``evaluate``, the TF1 session) gets NumPy's inf or nan."""
    def call(*values):
        try:
            return function(*values)
        except MATH_ERRORS:
            return numpy_function()(*map(np.float64, values))
    call.__wrapped__ = function
    return call


#: Names that moved to :mod:`symopt.evaluation` (19af935), still importable from here for code written before.
_MOVED_TO_EVALUATION = ("evaluate", "evaluate_as_fed", "feed_for")


def __getattr__(name: str):
    """``from symopt.compiler import evaluate`` (its home before :mod:`symopt.evaluation`): served from there, loaded
    on first use (``evaluation`` imports this module)."""
    if name in _MOVED_TO_EVALUATION:
        from . import evaluation
        return getattr(evaluation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
