r"""The jitted training loop of the JAX backend: many fused steps in one call, buffers donated.

``loop(params, slots, shared, hyper, tol, data, order, stopped, count, length, size)`` runs ``count`` steps
(``length`` and ``size`` are static: the history's length and the mini-batch size; ``count`` is at most
``length``, less when a diverged run is replayed or a full-batch history is rounded up to a power of two):

* without ``tol``: one ``lax.fori_loop`` of static ``count`` (a loop of known trip count is what hand-written JAX
  gives XLA); NaN propagates and the caller scans the costs afterwards;
* with ``tol``: one ``lax.while_loop`` that stops *before applying* a step whose every :math:`|g| \le` tol
  and reports it in ``stopped``: a later call given ``stopped`` runs nothing, so the epochs can be
  queued without waiting for each.  ``tol`` and ``count`` are traced arguments there (the loop tests its
  condition at every step anyway): another tolerance or step budget compiles nothing new (probe74 P74-3).

Step :math:`i` of a mini-batch loop reads the rows ``order[i*size:(i+1)*size]``, gathered on the device.
"""

from __future__ import annotations

from .jax_devices import Placement
from .jax_printer import jit, require_jax
from .jax_step import JaxStep

__all__ = ["Loop", "loop_for", "fixed_run_for", "slot_starts", "history_length"]


class Loop:
    """A jitted training loop and ``traces``, how many times JAX has traced (compiled) it."""

    def __init__(self, function):
        self.function, self.traces = function, 0

    def __call__(self, *args, count: int, **static):
        return self.function(*args, count=int(count), **static)


def history_length(count: int) -> int:
    """The history a full-batch ``tol`` call of ``count`` steps keeps: ``count`` rounded up to a power of two, so that
    step budgets share one compilation per power (17 up to :data:`~symopt.jax_run.TOL_CHUNK`)."""
    return 1 << max(int(count) - 1, 0).bit_length()


def loop_for(compiled: JaxStep, placement: Placement, axes: tuple, tested: bool, mini_batches: bool) -> Loop:
    """The jitted loop, cached on the step's function: a repeated run (or the next epoch) compiles nothing, nor does
    a run with other hyperparameter values or another ``tol`` (they are the loop's arguments; the step function is
    shared); ``tested``: whether the run has a ``tol``."""
    loops = compiled.step.__dict__.setdefault("loops", {})
    key = (placement, axes, bool(tested), mini_batches)
    if key not in loops:
        loops[key] = _loop(compiled, placement, axes, tested, mini_batches)
    return loops[key]


def fixed_run_for(compiled: JaxStep, placement: Placement, axes: tuple) -> Loop:
    r"""A full-batch run of ``count`` steps from fresh optimizer state, jitted and cached as :func:`loop_for`:
    ``run(params, starts, hyper, data, count=N) -> (params, slots, shared, costs)``, ``starts`` the optimizer's
    :func:`slot_starts`, ``costs`` the :math:`N` steps' costs and then the returned point's, :math:`J(\theta_N)`.

    A run without ``tol`` (the lecture's) needs no stop flag or order, and its state starts inside the call, filled
    from ``starts``: each input and output of a jitted call costs the host about 3 µs, the whole 1000-step lecture
    14 µs (gradient descent has no slots, so no ``starts``).  The starts are arguments, not constants: the loop is
    shared by every optimizer of the same printed step, whose betas or ``initial_accumulator_value`` differ (the
    second of two Adam runs started from the first's :math:`\beta^t`: probe96 P96-1).  On the CPU the
    step count is a traced argument and the costs array is rounded up to a power of two (:func:`history_length`), so
    another ``steps`` compiles at most once per power of two (probe74 P74-3); elsewhere it is static: a GPU ran a
    loop of unknown trip count 1.55× slower (docs/scale.md, "Known trip count")."""
    loops = compiled.step.__dict__.setdefault("loops", {})
    key = ("fixed", placement, axes)
    if key not in loops:
        loops[key] = _fixed_run(compiled, placement, axes)
    return loops[key]


def _fixed_run(compiled: JaxStep, placement: Placement, axes: tuple) -> Loop:
    jax = require_jax()
    jnp, lax = jax.numpy, jax.lax
    take_batch = _batches(placement, axes, False)

    def run(params, starts, hyper, data, count, length):
        loop.traces += 1  # runs while JAX traces (once per compilation), not per call
        fills, shared = starts  # in initial_slots' order: each parameter's slots in turn (shapes are static)
        per_parameter = [jnp.full(jnp.shape(v), fill, compiled.dtype) for v in params for fill in fills]
        state = lax.optimization_barrier((list(params), per_parameter, [jnp.asarray(v) for v in shared]))
        rows = take_batch(data, None, 0, 0)

        def fixed_step(i, carry):
            params, slots, shared, costs = carry
            cost, params, slots, shared, _ = compiled.step(*params, *slots, *shared, *hyper, *rows)
            return list(params), list(slots), list(shared), costs.at[i].set(cost)

        params, slots, shared, costs = lax.fori_loop(0, count, fixed_step,
                                                     (*state, jnp.zeros(length, compiled.dtype)))
        final = compiled.step(*params, *slots, *shared, *hyper, *rows)[0]
        return params, slots, shared, costs.at[count].set(final)

    traced_count = placement.devices[0].platform == "cpu"
    loop = FixedRun(jit(run, static_argnames=("length",) if traced_count else ("count", "length")), traced_count)
    return loop


def slot_starts(compiled: JaxStep, put=None) -> tuple[list, list]:
    """The fresh state's numbers of ``compiled``'s optimizer, as :func:`fixed_run_for`'s loop takes them: one fill
    per per-parameter slot (``initial_accumulator_value``, 0 for Adam's moments), and the shared slots' values
    (Adam's :math:`\beta_1, \beta_2` powers, the step counter); :meth:`~symopt.jax_step.JaxStep.initial_slots` of
    one scalar parameter, placed by ``put`` (the run's ``Placement.put``; ``None``: the host values).  Kept on
    ``compiled`` per ``put``: a JaxStep is one optimizer's (by its key), so its starts never change, and making and
    placing them again cost every planned run about 20 µs (final48d 48d-4)."""
    kept = compiled.__dict__.setdefault("placed_starts", {})
    if put not in kept:
        fills, shared = compiled.initial_slots((0.0,))
        kept[put] = (fills, shared) if put is None else ([put(v) for v in fills], [put(v) for v in shared])
    return kept[put]


class FixedRun(Loop):
    r""":func:`fixed_run_for`'s loop: ``run(params, starts, hyper, data, count=N)``, its costs array ``N + 1`` long, or
    :math:`2^{\lceil \log_2 N \rceil} + 1` where ``traced_count`` (the step count a traced argument): the steps'
    costs rounded up to a power of two, then the returned point's (a budget of exactly :math:`2^k` steps is not
    doubled: final45g 45g-2)."""

    def __init__(self, function, traced_count: bool):
        super().__init__(function)
        self.traced_count = traced_count

    def __call__(self, *args, count: int):
        length = (history_length(count) if self.traced_count else int(count)) + 1
        return self.function(*args, count=int(count), length=length)


def _batches(placement: Placement, axes: tuple, mini_batches: bool):
    """``take_batch(data, order, i, size)``: the data step ``i`` reads (rows ``order[i*size:(i+1)*size]`` of
    mini-batches), laid out over the mesh."""
    jax = require_jax()
    jnp, lax = jax.numpy, jax.lax
    constraints = [placement.batched(axis) for axis in axes]

    def take_batch(data, order, i, size):
        rows = data
        if mini_batches:
            index = lax.dynamic_slice_in_dim(order, i * size, size)
            rows = [d if axis is None else jnp.take(d, index, axis=axis) for d, axis in zip(data, axes)]
        if placement.mesh is None:
            return rows
        return [lax.with_sharding_constraint(d, c) for d, c in zip(rows, constraints)]
    return take_batch


def _loop(compiled: JaxStep, placement: Placement, axes: tuple, tested: bool, mini_batches: bool) -> Loop:
    jax = require_jax()
    jnp, lax = jax.numpy, jax.lax
    take_batch = _batches(placement, axes, mini_batches)

    def run(params, slots, shared, hyper, tol, data, order, stopped, count, length, size):
        loop.traces += 1  # runs while JAX traces (once per compilation), not per call
        history = jnp.zeros(length, compiled.dtype)

        def advance(i, params, slots, shared):
            return compiled.step(*params, *slots, *shared, *hyper, *take_batch(data, order, i, size))

        def fixed_step(i, carry):
            params, slots, shared, history = carry
            cost, params, slots, shared, _ = advance(i, params, slots, shared)
            return list(params), list(slots), list(shared), history.at[i].set(cost)

        def tested_step(carry):
            i, params, slots, shared, history, _ = carry
            cost, new_params, new_slots, new_shared, gradients = advance(i, params, slots, shared)
            stop = jnp.stack([jnp.max(jnp.abs(g)) <= tol for g in gradients]).all()
            kept = [[jnp.where(stop, old, new) for new, old in zip(*pair)]
                    for pair in ((new_params, params), (new_slots, slots), (new_shared, shared))]
            return (i + jnp.where(stop, 0, 1), *kept, history.at[i].set(cost), stop)

        if not tested:
            params, slots, shared, history = lax.fori_loop(0, count, fixed_step, (params, slots, shared, history))
            steps = jnp.asarray(count)
        else:
            start = (jnp.zeros((), jnp.int32), params, slots, shared, history, stopped)
            steps, params, slots, shared, history, stopped = lax.while_loop(
                lambda carry: (carry[0] < count) & ~carry[-1], tested_step, start)
        final = jnp.zeros((), history.dtype) if mini_batches else advance(0, params, slots, shared)[0]
        return params, slots, shared, history, steps, stopped, final

    static = ("length", "size") if tested else ("count", "length", "size")
    loop = Loop(jit(run, donate_argnums=(0, 1, 2), static_argnames=static))
    return loop
