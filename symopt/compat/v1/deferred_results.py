"""The stand-in result of an op whose input's shape is unknown (a placeholder without a shape), and its static shape
and dtype, learnt as TF1's shape inference does by building the op on probe placeholders of the inputs' shapes."""

from __future__ import annotations

import inspect
from typing import Callable

from . import dtypes as _dtypes
from .default_graph import Graph, get_default_graph
from .errors import DTypeMismatchError, StaticShapeError
from .operations import Operation
from .recording import substitute
from .stand_ins import stand_in_for
from .tensor_shape import TensorShape
from .op_names import default_op_name
from .tensors import Tensor

__all__ = ["deferred_result"]


def deferred_result(op: Callable, args: tuple, kwargs: dict, returns: str, inputs: list):
    """The stand-in result of ``op(*args, **kwargs)`` while an input's shape is unknown (what a deferred input's
    ``make_deferred`` makes).  When every deferred input has a known static shape (``set_shape``), the op is first
    built on placeholders of those shapes to learn the result's static shape and dtype, as TF1's shape inference
    does.  The result is made in its inputs' graph, as TF1 places an op (a stale placeholder's ``x * 2.0`` after
    ``tf.reset_default_graph()`` stays in the old graph, so mixing it with the new one is refused: final44b F44b-9)."""
    placed = next((node.graph for node in inputs if getattr(node, "graph", None) is not None), None)
    if placed is not None and placed is not get_default_graph():
        with placed.as_default():
            return deferred_result(op, args, kwargs, returns, inputs)
    name = default_op_name(op, args, kwargs) or op.__name__.lstrip("_")  # a helper's name, valid as TF1's
    if returns == "operation":
        result = Operation(name, _deferred_run)
    elif returns == "assignment":
        from .deferred_assignments import DeferredAssignment  # an assignment builds on this module's graph
        ref = args[0] if args else kwargs.get("ref")
        result = DeferredAssignment(name, ref, _deferred_run, exact_name=bool(kwargs.get("exact_name")),
                                    op_type=kwargs.get("op_type"))
    else:
        shape, dtype, known = _inferred(op, args, kwargs, inputs)
        result_name, exact = _result_name(op, args, kwargs, name)
        result = Tensor(None, shape, dtype, result_name, exact_name=exact)
        result.dtype_known = known
    result.deferred = True
    result.recipe = (op, args, kwargs)
    return result


def _result_name(op: Callable, args: tuple, kwargs: dict, name: str) -> tuple:
    """``(name, exact_name)`` of a deferred op's result: the op's own name, or, for an op whose result is an inner
    op of its scope (``tf.sequence_mask``'s ``SequenceMask/Less``: its ``inner_result_name(args, kwargs)``), that
    op in a scope of the op's name made unique, as TF1 names it (final43b F43b-9)."""
    inner = getattr(op, "inner_result_name", None)
    if inner is None:
        return name, False
    scope = get_default_graph().unique_name(name, new_op=False)
    return f"{scope}/{inner(args, kwargs)}", True


def _argument(op: Callable, args: tuple, kwargs: dict, name: str | None):
    """The argument ``name`` of a call ``op(*args, **kwargs)``, given by keyword or by position; None if absent."""
    if name is None:
        return None
    try:
        return inspect.signature(op).bind_partial(*args, **kwargs).arguments.get(name)
    except TypeError:  # a call the op refuses: it raises its own error when built
        return kwargs.get(name)


def _chosen_dtype(op: Callable, args: tuple, kwargs: dict):
    """The dtype the result of ``op(*args, **kwargs)`` has, or None, from the op's ``dtype_from``: the name of an
    argument or a function of the call's ``(args, kwargs)`` (a tf.losses loss: a dtype or its logits).  A NumPy
    array or list argument has the dtype TF1's conversion gives it (final46a 46a-16: not the labels')."""
    chooser = getattr(op, "dtype_from", None)
    source = chooser(args, kwargs) if callable(chooser) else _argument(op, args, kwargs, chooser)
    if source is None or isinstance(source, _dtypes.DType):
        return source
    return source.dtype if isinstance(source, Tensor) else _dtypes.infer_dtype(source)


#: Probe shapes for a deferred input of unknown rank, tried in turn to learn a result's dtype (``tf.argmax(y, 1)``
#: of a shape-less ``y`` builds on a matrix only).
_RANK_PROBES = ((), (1,), (1, 1))


def _inferred(op: Callable, args: tuple, kwargs: dict, inputs: list) -> tuple:
    """``(static shape or None, dtype, whether the dtype is known)`` of a deferred op's result, from building it
    on probe placeholders (else the dtype is a guess: a named dtype, the op's ``result_dtype``, its first input's)."""
    deferred = [n for n in inputs if n.deferred]
    named = [a for a in (*args, *kwargs.values()) if isinstance(a, _dtypes.DType)]  # tf.cast(x, tf.int32)
    chosen = _chosen_dtype(op, args, kwargs)  # xent: the logits'
    declared = named[0] if named else getattr(op, "result_dtype", None) or chosen
    guess = (declared or next((n.dtype for n in inputs if isinstance(n, Tensor)), _dtypes.float32), declared is not None)
    graph = get_default_graph()
    strict = all(getattr(n, "dtype_known", True) for n in deferred)  # a guessed input's mismatch is no error
    if not all(isinstance(n, Tensor) and n.shape.known_rank for n in deferred):
        static_shape = getattr(op, "static_shape", None)  # a full reduction is a scalar whatever its input's shape
        shape = static_shape(args, kwargs) if static_shape else None
        if not all(isinstance(n, Tensor) for n in deferred):
            return shape, *guess
        for probe_shape in _RANK_PROBES:  # the inputs' dtypes checked, the result's learnt, on the first that builds
            # stand-ins for shape and dtype inference only: not graph ops, so get_operations lists a placeholder
            # without a shape once (probe11 U3)
            probes = {id(n): stand_in_for(n, tuple(n.shape) if n.shape.known_rank else probe_shape, "probe", graph)
                      for n in deferred}
            built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict)
            if built is not None:
                return shape, built[1], True
        return shape, *guess
    probes = {id(n): stand_in_for(n, tuple(n.shape), "probe", graph) for n in deferred}
    built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict, exact=True)
    if built is None and any(None in tuple(n.shape)[1:] for n in deferred):
        built = _built_with_sizes(op, args, kwargs, inputs, graph, strict)
    return (*built, True) if built is not None else (None, *guess)


def _built_with_sizes(op: Callable, args: tuple, kwargs: dict, inputs: list, graph: Graph, strict: bool):
    """``(shape, dtype)`` of ``op`` of a deferred input with unknown dimensions past the first (``[None, None]``),
    built with those dimensions set to each size the other inputs have (``tf.matmul(X, W)`` of a ``(5, 3)`` ``W``
    builds with 5 alone: ``(?, 3)``, as TF1's shape inference says), or None; a dimension of the result that differs
    from one size to another (``X + 1.0`` builds with every size) is unknown."""
    deferred = [n for n in inputs if n.deferred]
    sizes = sorted({d for n in inputs if isinstance(n, Tensor) and not n.deferred and n.shape.known_rank
                    for d in n.shape.as_list() if d is not None and d > 1} | {2, 3})
    results = []
    for size in sizes:  # 2 and 3 too: an op that takes any size gives results that differ
        probes = {id(n): stand_in_for(n, (n.shape.as_list()[0], *(size if d is None else d
                                                                      for d in n.shape.as_list()[1:])), "probe", graph)
                  for n in deferred}
        built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict)
        if built is not None and built[0].known_rank:
            results.append((size, built[0].as_list(), built[1]))
    if not results or len({len(shape) for _, shape, _ in results}) > 1:
        return None
    shape = [d if all(other[i] == d for _, other, _ in results) else None for i, d in enumerate(results[0][1])]
    return TensorShape(shape), results[0][2]


def _built(op: Callable, args: tuple, kwargs: dict, graph: Graph, strict: bool, exact: bool = False) -> tuple | None:
    """``(shape, dtype)`` of ``op`` built on probes, or None; inputs of different dtypes raise TF1's ``TypeError``
    (:class:`DTypeMismatchError`) here, when the op is made, whatever the probes' shapes (``strict``: every
    deferred input's dtype is known, not guessed), and with ``exact`` probes (of the inputs' static shapes) static
    shapes that do not match raise TF1's ``ValueError`` (:class:`StaticShapeError`)."""
    graph.rebuilding += 1
    try:
        result = op(*args, **kwargs)
        return (result.shape, result.dtype) if isinstance(result, Tensor) else None
    except DTypeMismatchError:
        if strict:
            raise
        return None
    except StaticShapeError:
        if exact:
            raise
        return None
    except Exception:  # noqa: BLE001 - shape inference is best effort: the session builds the real op later
        return None
    finally:
        graph.rebuilding -= 1


def _deferred_run(session, feed):
    raise AssertionError("a deferred operation is rebuilt by the session before it runs")
