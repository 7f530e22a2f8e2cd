r"""TF1's ``tf.gather`` and ``tf.nn.embedding_lookup``: rows (or columns) of a tensor picked by integer indices.

Picking rows :math:`k_1, \dots, k_n` of :math:`P` (:math:`V` rows) is the product :math:`O P` with the one-hot
rows :math:`O_{ij} = [k_i = j]` (:class:`~symopt.reductions.OneHot`, ``(n, V)``); columns are :math:`P O^T`;
computed as a copy (:class:`~.gathered_rows.Gathered`, ``numpy.take``; ``gather_nd``'s entries
:class:`~.gathered_rows.ChosenEntries`, ``numpy.take_along_axis``): an ``inf`` in a row not picked stays out.  So
the gradient with respect to :math:`P` is :math:`O^T G`: row :math:`j` of it is the sum of the rows of :math:`G`
whose index is :math:`j` (TF1's scatter-add, computed as one: :class:`~.gathered_rows.ScatteredRows`; a repeated
index accumulates, an index not picked gets zero).  The
indices are data (fed or constant) with no gradient.

An index outside :math:`[0, V)` would give a silent zero row; a run that computes the gather (or its gradient)
checks the indices first and raises TF1's ``InvalidArgumentError`` (the check of
:mod:`~symopt.compat.v1.label_checks`).  The one-hot rows are a :class:`GatheredRows` node, never equal to the
``OneHot`` of a ``tf.one_hot`` of the same indices, so a run that computes the one-hot alone (an ignore label -1)
is not checked, and a gather of any params (a matrix product, a stack) is.
"""

from __future__ import annotations

from sympy import OneMatrix

from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, scale, transpose
from .batch_index import is_row_numbers
from .gathered_rows import ChosenEntries, Gathered, GatheredRows
from .graph import Tensor, as_tensor, constant, get_default_graph, matrix_of, name_scope, shape_text
from .kernel_dtypes import kernel_dtype_error, takes
from .label_checks import mark_sparse_labels
from .recording import inputs_of, recorded
from .sparse_updates import note_gathered
from .tensor_shape import dimension_value, graph_time_int
from .variables import Variable

__all__ = ["gather", "gather_nd", "embedding_lookup", "sparse_sources", "PASSES_SLICES", "GatheredRows",
           "gather_along"]


def _indices(indices, op: str, column: bool = False) -> Tensor:
    """The indices as a tensor: a scalar or a vector, or with ``column`` a ``[k, 1]`` column (``tf.where(c)`` of a
    vector: gathered from a vector, the result is ``[k, 1]`` too)."""
    indices = as_tensor(indices)
    if not takes("GatherV2", indices.dtype.name):  # TF1's: int16, int32, int64 (uint8 ids too: probe37 P37-6)
        raise kernel_dtype_error("GatherV2", indices.dtype.name, f"in '{op}': cast the indices with "
                                 f"tf.cast(ids, tf.int32)", "indices")
    if indices.ndim > 1 and not (column and indices.ndim == 2 and indices.shape.as_list()[1] == 1):
        raise UnsupportedOperationError(f"'{op}' with indices of shape {shape_text(indices.shape)}: symopt.compat.v1 "
                                        "gathers with a scalar or a vector of indices (results up to rank 2); "
                                        "reshape the indices to a vector and the result back")
    return indices


@recorded
def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0) -> Tensor:
    """``tf.gather(params, indices, axis=0)``: the entries (rows, or columns with ``axis=1``) of ``params`` at
    ``indices`` (a scalar or a vector of int32 / int64), in their order, repeats allowed; shape
    ``params.shape[:axis] + indices.shape + params.shape[axis + 1:]``.  Differentiable in ``params``."""
    op = name or "GatherV2"
    params = as_tensor(params)
    indices = _indices(indices, op, column=params.ndim == 1 and axis in (None, 0, -1))
    if batch_dims:
        raise UnsupportedOperationError(f"tf.gather(batch_dims={batch_dims}) is not supported yet by symopt.compat.v1; "
                                        "gather each example's indices separately")
    if params.ndim == 0:
        raise ValueError(f"Shape must be at least rank 1 but is rank 0 for '{op}' (op: 'GatherV2') with input "
                         f"shapes: [], {shape_text(indices.shape)}, [].")
    axis = 0 if axis is None else graph_time_int(axis, "the axis", op)
    if not -params.ndim <= axis < params.ndim:
        raise ValueError(f"Shape must be at least rank {axis + 1} but is rank {params.ndim} for '{op}' (op: "
                         f"'GatherV2') with input shapes: {shape_text(params.shape)}, {shape_text(indices.shape)}, [].")
    axis %= params.ndim
    if dimension_value(params.shape[axis]) is None:
        raise UnsupportedOperationError(f"'{op}' along the batch dimension of {params.name} (shape "
                                        f"{shape_text(params.shape)}) is not supported by symopt.compat.v1: the number "
                                        "of entries to pick from must be known. To pick one entry of each row "
                                        "of a batch (a policy's chosen action), use tf.gather_nd(rows, "
                                        "tf.stack([tf.range(tf.shape(rows)[0]), indices], axis=1)) or "
                                        "tf.reduce_sum(rows * tf.one_hot(indices, depth), 1) on the [None, depth] "
                                        "rows, not a gather from their flattened tf.reshape(rows, [-1])")
    return gather_along(params, indices, axis, op)


def gather_along(params: Tensor, indices: Tensor, axis: int, op: str, sliced_dimension: int | None = None,
                 label: str | None = None) -> Tensor:
    """``params``' entries at ``indices`` (checked: a scalar or a vector of ints) along ``axis`` (0 or 1, of known
    size), named ``op``.  A run that computes it checks the indices first: outside ``[0, size)`` is TF1's
    ``InvalidArgumentError`` of a gather, or with ``sliced_dimension`` of a strided slice's index of that dimension
    (``q[a]``, whose negative index the caller has wrapped; TF1's gradient of a slice is dense, so the variables read
    are not updated row by row).  ``label`` is the op its range error names (default its own name: a strided slice's
    steps take none); the one-hot rows are that op's own node, so a second op of the same indices (``M[0, a]``,
    ``M[1, a]``) reports its own name."""
    size = dimension_value(params.shape[axis])
    graph = get_default_graph()
    name = graph.unique_name(op)
    label = label or name
    picked = GatheredRows(matrix_of(indices), size, label)
    shape = tuple(params.shape[:axis]) + tuple(indices.shape) + tuple(params.shape[axis + 1:])
    expr = Gathered.of(params.expr, picked, axis)  # (d, n) or (d, 1) along columns; (n, d), (n, 1), (1, d) or (1, 1)
    if axis == 0:
        expr = expr if indices.ndim else ElementSum(expr) if params.ndim == 1 else transpose(expr)
    result = Tensor(expr, shape, params.dtype, name, exact_name=True)
    mark_sparse_labels(graph, picked, label, indices="gather" if sliced_dimension is None else "slice",
                       dimension=sliced_dimension or 0)  # outside [0, size): InvalidArgumentError in a run that
    # computes the gather
    if sliced_dimension is None and axis == 0:  # TF1's gradient of a gather along axis 1 is dense (probe18 G9)
        for variable in sparse_sources(params):
            note_gathered(graph, variable, picked)  # TF1's sparse updates (sparse_updates.py)
    return result


#: The ops whose TF1 gradient passes an ``IndexedSlices`` on: a gather from their result still updates the
#: variables they read row by row (``tf.concat([padding_row, E], 0)``, ``tf.identity(E)``, ``E.read_value()``,
#: ``-E``; ``E + c`` and ``E - c`` for the operand of the result's shape: probe18 G1; a cast between float dtypes,
#: ``tf.cast(E, tf.float16)``: review6 R6-3).
PASSES_SLICES = frozenset({"identity", "concat", "read_ref", "negate"})

#: ``binary``'s ops whose TF1 gradient passes the ``IndexedSlices`` to an operand of the result's shape.
ADDS_SLICES = frozenset({"add", "sub"})


def sparse_sources(params: Tensor) -> list:
    """The variables a gather from ``params`` updates sparsely in TF1: ``params`` itself, or those read through
    :data:`PASSES_SLICES` ops (or an :data:`ADDS_SLICES` op's operand of the result's shape)."""
    if isinstance(params, Variable):
        return [params]
    recipe = params.recipe
    kind = getattr(recipe[0], "__name__", "") if recipe is not None else ""
    if kind == "cast":  # TF1's _CastGrad casts an IndexedSlices' values between float dtypes (review6 R6-3)
        source = recipe[1][0] if recipe[1] else None
        floats = isinstance(source, Tensor) and source.dtype.is_floating and params.dtype.is_floating
        operands = [source] if floats else []
    elif kind == "binary" and recipe[1] and recipe[1][0] in ADDS_SLICES:
        operands = [node for node in recipe[1][1:] if isinstance(node, Tensor)
                    and tuple(node.shape.as_list()) == tuple(params.shape.as_list())]
    elif kind in PASSES_SLICES:
        operands = [node for node in inputs_of(recipe[1], recipe[2]) if isinstance(node, Tensor)]
    else:
        return []
    return [variable for node in operands for variable in sparse_sources(node)]


def _picked_rows(index_column, size: int, graph, op_name: str):
    """The one-hot rows of ``index_column`` (a ``(k, 1)`` column) among ``size``, marked for the range check."""
    picked = GatheredRows(index_column, size)
    mark_sparse_labels(graph, picked, op_name, indices="gather")
    return picked


def _row_paired(indices: Tensor):
    """``a`` when ``indices`` is ``tf.stack([tf.range(tf.shape(q)[0]), a], axis=1)`` (each row number of the batch
    beside an index ``a_i``), else None."""
    recipe = indices.recipe
    if recipe is None or getattr(recipe[0], "__name__", "") != "stack" or len(recipe[1]) not in (1, 2):
        return None
    values, axis = recipe[1][0], recipe[2].get("axis", recipe[1][1] if len(recipe[1]) > 1 else 0)
    if not isinstance(values, (list, tuple)) or len(values) != 2 or axis not in (1, -1):
        return None
    rows, labels = values
    return labels if is_row_numbers(rows) and isinstance(labels, Tensor) and labels.ndim == 1 else None


@recorded
def gather_nd(params, indices, name=None, batch_dims=0) -> Tensor:
    """``tf.gather_nd(params, indices)``: the entries (``indices[..., :2]`` a row and a column: ``q[i, a_i]``) or
    rows (one index each) of ``params`` at each index tuple of ``indices`` (last axis 1 or 2, at most
    ``params``' rank); differentiable in ``params``."""
    op = name or "GatherNd"
    params = as_tensor(params)
    indices = as_tensor(indices)
    if not indices.dtype.is_integer:
        raise TypeError(f"Value passed to parameter 'indices' has DataType {indices.dtype.name} not in list of "
                        f"allowed values: int16, int32, int64 (in '{op}')")
    depth = indices.shape.as_list()[-1] if indices.ndim else None
    sizes = params.shape.as_list()
    labels = _row_paired(indices)
    if labels is not None and not batch_dims and params.ndim == 2 and sizes[0] is None and sizes[1] is not None:
        # tf.stack([tf.range(tf.shape(q)[0]), a], axis=1): q[i, a_i] of each row i of the batch
        graph = get_default_graph()
        op_name = graph.unique_name(op)
        chosen = ChosenEntries.of(params.expr, _picked_rows(labels.expr, sizes[1], graph, op_name), 1)
        return Tensor(chosen, (None,), params.dtype, op_name, exact_name=True)
    if batch_dims or indices.ndim not in (1, 2) or depth not in (1, 2) or depth > params.ndim or None in sizes:
        raise UnsupportedOperationError(
            f"'{op}' of params {shape_text(params.shape)} with indices {shape_text(indices.shape)}: symopt.compat.v1 "
            "gathers with index tuples of length 1 or 2 (a vector or a matrix of them) from params of known shape, "
            "without batch_dims")
    graph = get_default_graph()
    op_name = graph.unique_name(op)
    shape = tuple(indices.shape[:-1]) + tuple(params.shape[depth:])
    columns = [indices.expr[:, j:j + 1] if indices.ndim == 2 else scale(indices.expr[j, 0], OneMatrix(1, 1))
               for j in range(depth)]  # each position of the index tuples as a (k, 1) column
    rows = _picked_rows(columns[0], sizes[0], graph, op_name)
    expr = Gathered.of(params.expr, rows, 0)  # (k, C), or (k, 1) from a vector
    if depth == 2:
        expr = ChosenEntries.of(expr, _picked_rows(columns[1], sizes[1], graph, op_name), 1)  # each row's entry
    elif isinstance(params, Variable):
        note_gathered(graph, params, rows)  # TF1's sparse updates (sparse_updates.py)
    if indices.ndim == 1:
        expr = ElementSum(expr) if shape == () else transpose(expr)
    return Tensor(expr, shape, params.dtype, op_name, exact_name=True)


def _shard_positions(shards: list, strategy: str) -> list | None:
    r"""Where each id's row sits in ``tf.concat(shards, 0)`` under TF1's ``partition_strategy``: ``"mod"`` puts id
    :math:`i` in row :math:`\lfloor i/n \rfloor` of shard :math:`i \bmod n`; ``"div"`` gives the shards consecutive
    ids, so the position is the id (``None``).  The shards must be TF1's split of :math:`N` rows (shard :math:`k`
    holds :math:`\lfloor N/n \rfloor` rows, one more for :math:`k < N \bmod n`); others are a typed refusal."""
    if strategy not in ("mod", "div"):
        raise ValueError(f"Unrecognized partition strategy: {strategy}")
    sizes = [dimension_value(shard.shape[0]) if shard.ndim else None for shard in shards]
    count = len(shards)
    total = sum(size or 0 for size in sizes)
    split = [total // count + (k < total % count) for k in range(count)]
    if sizes != split:
        raise UnsupportedOperationError(
            f"tf.nn.embedding_lookup of {count} shards of {sizes} rows: symopt.compat.v1 looks up shards split as "
            f"TF1's partitioned variables split {total} rows ({split}: the first ones one row more); look up in one "
            "matrix instead, ordering its rows by id")
    starts = [sum(sizes[:k]) for k in range(count)]
    return [starts[i % count] + i // count for i in range(total)] if strategy == "mod" else None


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True, max_norm=None):
    """``tf.nn.embedding_lookup(params, ids)``: the rows of one embedding matrix at ``ids`` (``tf.gather`` along
    axis 0; its gradient adds up the rows of repeated ids).  Of a list of shards (TF1's partitioned embedding),
    the rows ``partition_strategy`` assigns (:func:`_shard_positions`), gathered from their ``tf.concat``.
    ``max_norm`` is not supported."""
    positions = None
    if isinstance(params, (list, tuple)) and len(params) > 1:
        shards = [as_tensor(shard) for shard in params]
        positions = _shard_positions(shards, partition_strategy)
        from .concat_ops import concat  # joining builds on gathering (concat_ops -> slicing)
        with name_scope(name or "embedding_lookup"):
            params = concat(shards, 0)
    elif isinstance(params, (list, tuple)):
        params = params[0]
    if max_norm is not None:
        raise UnsupportedOperationError("tf.nn.embedding_lookup(max_norm=...) is not supported yet by "
                                        "symopt.compat.v1; clip the rows with tf.clip_by_norm after the lookup")
    ids = as_tensor(ids)
    if ids.shape.known_rank and ids.ndim > 1:
        raise UnsupportedOperationError(
            f"tf.nn.embedding_lookup with ids of shape {shape_text(ids.shape)}: symopt.compat.v1 looks up a scalar or a "
            "vector of ids (results up to rank 2); look up one column at a time and combine the rows, e.g. the "
            "bag-of-words mean tf.add_n([tf.nn.embedding_lookup(E, ids[:, t]) for t in range(T)]) / T, or the "
            "window's concatenation tf.concat([... for t in range(T)], 1)")  # probe13 W21: a reshape of the
        # flat lookup to [-1, T * D] pairs rows across examples, which symopt refuses
    with name_scope(name or "embedding_lookup"):  # TF1's name: embedding_lookup/Identity:0
        if positions is not None:  # "mod": each id's row in the concatenated shards
            ids = gather(constant(positions, dtype=ids.dtype), ids)
        return gather(params, ids, name="Identity")
