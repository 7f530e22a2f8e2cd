"""The workloads of ``benchmarks/compare.py``, one per child process (see that file for how they are run).

Each ``workload_*`` function returns ``{"title", "unit", "rows": [{"label", "samples": {contender: [...]},
"faults": {contender: minor page faults per unit}}], "notes": [...]}``; ``samples`` are per-repeat values (seconds per unit, or MiB), the contenders of a
row timed interleaved (each repeat runs every contender in turn) so a ratio compares neighbours in time.
``"hand"`` is the baseline of every row.  JAX, PyTorch and TensorFlow 1 columns appear when they import.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

import models  # benchmarks/models.py: models, hand-written baselines, JAX/PyTorch versions
import symopt
from models import (LR, adam_steps, SEED, Timings, check, initial_network, jax, jax_functions, jax_value_and_grad,
                    column_major, logistic_hand, logistic_model, network_hand, network_model, torch, torch_functions,
                    torch_value_and_grad, train_hand, train_jax, train_torch)
from symopt.allocator import settle_allocator
from symopt.cache import CACHE
from symopt.fused import compile_step

try:  # optional TF1 column (TensorFlow 2's tf.compat.v1 in graph mode)
    import tensorflow.compat.v1 as tf1
    tf1.disable_eager_execution()
except Exception:  # noqa: BLE001 - any import failure just drops the column
    tf1 = None

MLP = (784, 256, 128, 10)


def interleaved(runs: dict, repeats: int, minimum: float) -> dict:
    """``{"samples": {name: [seconds per unit] per repeat}, "faults": {name: median minor page faults per unit}}``
    for ``runs = {name: (function, units per call)}``: the two keys of a table row."""
    timings = models.compare({name: function for name, (function, _) in runs.items()}, repeats, minimum)
    return {"samples": {name: [t / runs[name][1] for t in timings.samples[name]] for name in runs},
            "faults": {name: timings.faults[name] / runs[name][1] for name in runs}}


# ------------------------------------------------------------------ the lecture: w**2 - 10 w + 25, GD(0.01)

def _hand_lecture(steps: int):
    w, history = 0.0, []
    for _ in range(steps):
        cost = w ** 2 - 10 * w + 25
        history.append(cost)
        w = w - (2 * w - 10) * 0.01
    return w, history


def _compat_lecture(steps: int):
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, 1])
    w = tf.Variable(0, dtype=tf.float32)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(x[0][0] * w ** 2 + x[1][0] * w + x[2][0])
    return _session_loop(tf.Session(), tf.global_variables_initializer(), train, x, steps)


def _session_loop(session, init, train, x, steps: int):
    """The lecture's TF1 loop: initialize, then ``session.run(train, feed_dict={x: coefficients})`` per step."""
    coefficients = np.array([[1.0], [-10.0], [25.0]], dtype=np.float32)

    def run():
        session.run(init)
        for _ in range(steps):
            session.run(train, feed_dict={x: coefficients})
    return run


def _tf1_lecture(steps: int):
    graph = tf1.Graph()
    with graph.as_default():
        x = tf1.placeholder(tf1.float32, [3, 1])
        w = tf1.Variable(0, dtype=tf1.float32)
        train = tf1.train.GradientDescentOptimizer(0.01).minimize(x[0][0] * w ** 2 + x[1][0] * w + x[2][0])
        init = tf1.global_variables_initializer()
    session = tf1.Session(graph=graph, config=tf1.ConfigProto(intra_op_parallelism_threads=1,
                                                               inter_op_parallelism_threads=1))
    return _session_loop(session, init, train, x, steps)


def _jax_lecture(steps: int):
    """The whole loop compiled: ``lax.scan`` of the step, the costs stacked; the host array goes in as it is and
    both results come back as NumPy arrays (the fastest call we found: a ``jnp`` argument and
    ``block_until_ready`` cost 3x more at 1000 steps)."""
    @jax.jit
    def loop(w):
        def step(w, _):
            return w - (2 * w - 10) * 0.01, w ** 2 - 10 * w + 25
        return jax.lax.scan(step, w, None, length=steps)

    def run():
        w, history = loop(np.float64(0.0))
        return np.asarray(w), np.asarray(history)
    run()  # compile outside the timing
    return run


def _jax_step_lecture(steps: int):
    """TF1's loop written in JAX: a jitted step called from Python, the cost of each step kept."""
    @jax.jit
    def step(w):
        cost, gradient = jax.value_and_grad(lambda w: w ** 2 - 10 * w + 25)(w)
        return w - 0.01 * gradient, cost

    def run():
        w, history = np.float64(0.0), []
        for _ in range(steps):
            w, cost = step(w)
            history.append(cost)
        return np.asarray(w), np.asarray(history)
    step(np.float64(0.0))
    return run


def _torch_lecture(steps: int):
    def run():
        w, history = torch.zeros((), dtype=torch.float64, requires_grad=True), []
        for _ in range(steps):
            cost = w ** 2 - 10 * w + 25
            (gradient,) = torch.autograd.grad(cost, w)
            history.append(cost.item())
            with torch.no_grad():
                w -= 0.01 * gradient
    return run


def workload_lecture(quick: bool, repeats: int) -> dict:
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    rows = []
    for steps in ((1000, 10_000) if quick else (1000, 100_000)):
        capped = min(steps, 2000)  # contenders at 100+ µs a step: time fewer steps (per-step ratio unchanged)
        runs = {"hand": (lambda s=steps: _hand_lecture(s), steps),
                "symopt": (lambda s=steps: symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=s),
                           steps),
                "compat": (_compat_lecture(steps), steps)}
        if jax is not None:
            runs["symopt jax"] = (lambda s=steps: symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01),
                                                                  steps=s, backend="jax", dtype="float64"), steps)
            runs["jax"] = (_jax_lecture(steps), steps)
            runs["jax step"] = (_jax_step_lecture(capped), capped)
        if torch is not None:
            runs["torch"] = (_torch_lecture(capped), capped)
        if tf1 is not None:
            runs["tf1"] = (_tf1_lecture(capped), capped)
        rows.append({"label": f"{steps} steps", **interleaved(runs, repeats, 0.05 if not quick else 0.02)})
    return {"title": "The lecture: minimize w**2 - 10 w + 25 with GD(0.01), the cost recorded at every step",
            "unit": "µs/step", "rows": rows,
            "notes": ["symopt: one `symopt.minimize(..., steps=N)` call, set-up included; compat: "
                      "`session.run(train, feed_dict)` per step (TF1's lecture loop); hand: pure Python loop; "
                      "symopt jax: the same call with `backend=\"jax\", dtype=\"float64\"` (symopt's loop under "
                      "`jax.jit`, set-up included); "
                      "jax: jitted `lax.scan` (compile excluded); jax step: a jitted `value_and_grad` step called per step "
                      "from Python, as TF1's loop calls `session.run`; jax step/torch/tf1: 2000 steps timed when N is "
                      "larger"]}


# ------------------------------------------------------------------ logistic regression, value and gradient

def workload_logistic(quick: bool, repeats: int) -> dict:
    X, _, y, params = models.regression_data()
    rows = []
    for dtype in ("float64", "float32"):
        Xd, yd, pd = X.astype(dtype), y.astype(dtype), [p.astype(dtype) for p in params]
        cost, parameters, data = logistic_model(X.shape[1])
        f = symopt.compile(cost, parameters, dtype=dtype)
        feed = dict(zip(parameters + data, pd + [Xd, yd]))
        args = f.bind((), feed)
        tolerance = 1e-9 if dtype == "float64" else 2e-4
        check(f"logistic {dtype}", f.function(*args), logistic_hand(*pd, Xd, yd), rtol=tolerance, atol=tolerance)
        runs = {"hand": (lambda: logistic_hand(*pd, Xd, yd), 1), "symopt": (lambda: f.function(*args), 1),
                "symopt f(feed)": (lambda: f(feed), 1)}
        if jax is not None:
            run, _ = jax_value_and_grad(jax_functions()[1], pd, [Xd, yd])
            runs["jax"] = (run, 1)
        if torch is not None:
            run, _ = torch_value_and_grad(torch_functions()[1], pd, [Xd, yd])
            runs["torch"] = (run, 1)
        rows.append({"label": dtype, **interleaved(runs, repeats, 0.05 if not quick else 0.02)})
    return {"title": f"Logistic regression, value and gradient (m = {X.shape[0]}, n = {X.shape[1]})",
            "unit": "µs/call", "rows": rows,
            "notes": ["symopt: the generated function called directly; `symopt f(feed)`: the full call with feed "
                      "checks; hand: NumPy with the tanh form of the sigmoid"]}


# ------------------------------------------------------------------ MLP value and gradient

def _mlp_data(batch: int, seed: int = SEED):
    rng = np.random.default_rng(seed)
    return rng.random((batch, MLP[0])), np.eye(MLP[-1])[rng.integers(0, MLP[-1], batch)]


def workload_mlp(quick: bool, repeats: int) -> dict:
    values = initial_network(MLP)
    rows = []
    for batch in (256, 4096):
        X, Y = _mlp_data(batch)
        cost, parameters, data = network_model(MLP, values)
        f = symopt.compile(cost, parameters)
        args = f.bind((), dict(zip(parameters + data, values + [X, Y])))
        check(f"MLP batch {batch}", f.function(*args), network_hand(values, X, Y))
        runs = {"hand": (lambda: network_hand(values, X, Y), 1), "symopt": (lambda: f.function(*args), 1)}
        if jax is not None:
            runs["symopt jax"] = (_symopt_jax_function(cost, parameters, values, data, [X, Y]), 1)
            runs["jax"] = (jax_value_and_grad(jax_functions()[2], values, [X, Y], list_params=True)[0], 1)
        if torch is not None:
            runs["torch"] = (torch_value_and_grad(torch_functions()[2], values, [X, Y], list_params=True)[0], 1)
        rows.append({"label": f"batch {batch}", **interleaved(runs, repeats, 0.1 if not quick else 0.03)})
    return {"title": f"MLP {'-'.join(map(str, MLP))} (ReLU, softmax cross-entropy, float64), value and gradient",
            "unit": "µs/call", "rows": rows,
            "notes": ["symopt: the generated NumPy function called directly; symopt jax: `symopt.compile(..., "
                      "backend=\"jax\", dtype=\"float64\")`, its jitted function on device arrays; jax: "
                      "`jax.jit(jax.value_and_grad(...))` of the model written in `jax.numpy`"] if jax else []}


def _symopt_jax_function(cost, parameters, values, data, arrays):
    """symopt's JAX backend on device arrays (``f.function``), checked against the NumPy backend first."""
    import jax.numpy as jnp
    f = symopt.compile(cost, parameters, dtype="float64", backend="jax")
    args = [jnp.asarray(v) for v in f.bind((), dict(zip(parameters + data, values + arrays)))]
    check("symopt jax", jax.block_until_ready(f.function(*args)), network_hand(values, *arrays))
    return lambda: jax.block_until_ready(f.function(*args))


# ------------------------------------------------------------------ MLP training end to end

def workload_training(quick: bool, repeats: int) -> dict:
    examples, batch = (4000 if quick else 20_000), 256
    X, Y = _mlp_data(examples, seed=1)
    cost, parameters, (Xp, Yp) = network_model(MLP)

    def ours():
        return symopt.minimize(cost, parameters, data={Xp: X, Yp: Y}, optimizer=symopt.Adam(LR), batch_size=batch,
                               epochs=1, seed=SEED)
    first, (hand_params, _) = ours(), train_hand(X, Y, MLP, 1, batch)
    difference = max(float(np.abs(first[p] - h).max()) for p, h in zip(parameters, hand_params))
    steps = -(-examples // batch)
    runs = {"hand": (lambda: train_hand(X, Y, MLP, 1, batch), steps), "symopt": (ours, steps)}
    notes = [f"symopt vs hand: max |parameter difference| {difference:.1e} (same shuffling and Adam arithmetic); "
             "symopt's compiled step is cached after the first call"]
    if jax is not None:
        def ours_on_jax():
            return symopt.minimize(cost, parameters, data={Xp: X, Yp: Y}, optimizer=symopt.Adam(LR),
                                   batch_size=batch, epochs=1, seed=SEED, backend="jax", dtype="float64")
        on_jax = ours_on_jax()
        notes.append("symopt jax: the same call with `backend=\"jax\", dtype=\"float64\"` (the data on the device "
                     "once, each epoch one jitted loop); max |parameter difference| to hand "
                     f"{max(float(np.abs(np.asarray(on_jax[p]) - h).max()) for p, h in zip(parameters, hand_params)):.1e}"
                     "; jax: a jitted Adam step called per batch from Python (batches gathered on the host)")
        runs["symopt jax"] = (ours_on_jax, steps)
        train_jax(X, Y, MLP, 1, batch)  # compile both batch shapes
        runs["jax"] = (lambda: train_jax(X, Y, MLP, 1, batch), steps)
    if torch is not None:
        runs["torch"] = (lambda: train_torch(X, Y, MLP, 1, batch), steps)
    return {"title": f"MLP training end to end: one epoch of {examples} examples, batches of {batch}, Adam "
                     "(TF1's rule), float64",
            "unit": "µs/step", "rows": [{"label": f"{steps} steps", **interleaved(runs, repeats, 0.0)}],
            "notes": notes}


# ------------------------------------------------------------------ compile growth

def workload_compile(quick: bool, repeats: int) -> dict:
    depths = (2, 8) if quick else (2, 8, 32)
    samples = {depth: [] for depth in depths}
    for _ in range(max(3, repeats)):
        for depth in depths:
            layers = models.network_layers(depth)
            CACHE.clear()  # the same names build equal expressions: symopt compiles from scratch (SymPy cache warm)
            started = time.perf_counter()
            cost, parameters, data = network_model(layers)  # fresh symbols: no cache hit
            compile_step(cost, parameters, symopt.Adam(LR), data, dtype="float64")
            samples[depth].append(time.perf_counter() - started)
    base = depths[0]
    rows = [{"label": f"depth {d}", "samples": {"hand": [s * d / base for s in samples[base]], "symopt": samples[d]}}
            for d in depths]
    return {"title": "Compile growth: build + differentiate + compile the Adam step of a width-64 ReLU network",
            "unit": "s", "rows": rows,
            "notes": [f"no hand-written code compiles: the `hand` column is depth {base}'s time scaled linearly by depth, so "
                      "a ratio of 1 is linear growth and above 1 grows faster than linear"]}


# ------------------------------------------------------------------ peak memory

def _peak_mib(function) -> float:
    """Peak traced memory while ``function()`` runs, above what was allocated before (tracemalloc, MiB)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        function()
        return (tracemalloc.get_traced_memory()[1] - before) / 2**20
    finally:
        tracemalloc.stop()


def workload_memory(quick: bool, repeats: int) -> dict:
    values = initial_network(MLP)
    X, Y = _mlp_data(4096)
    cost, parameters, data = network_model(MLP, values)
    hand_step, symopt_step = adam_steps(cost, parameters, data, values, X, Y)
    hand_step(), symopt_step()  # first calls allocate lazily-created state
    step_samples = {"hand": [], "symopt": []}
    examples = 4000 if quick else 20_000
    Xt, Yt = _mlp_data(examples, seed=1)
    train_cost, train_parameters, (Xp, Yp) = network_model(MLP)
    train_samples = {"hand": [], "symopt": []}

    def train_symopt():
        symopt.minimize(train_cost, train_parameters, data={Xp: Xt, Yp: Yt}, optimizer=symopt.Adam(LR),
                        batch_size=256, epochs=1, seed=SEED)
    train_symopt()  # compiles once (cached afterwards)
    for _ in range(max(2, min(repeats, 3))):
        step_samples["hand"].append(_peak_mib(hand_step))
        step_samples["symopt"].append(_peak_mib(symopt_step))
        train_samples["hand"].append(_peak_mib(lambda: train_hand(Xt, Yt, MLP, 1, 256)))
        train_samples["symopt"].append(_peak_mib(train_symopt))
    return {"title": f"Peak memory above set-up (tracemalloc), MLP {'-'.join(map(str, MLP))}, float64",
            "unit": "MiB", "rows": [{"label": "one Adam step, batch 4096", "samples": step_samples},
                                    {"label": f"training, 1 epoch of {examples}, batch 256", "samples": train_samples}],
            "notes": ["training: above the data, after one warm-up run (the compiled step is cached)"]}


# ------------------------------------------------------------------ where the MLP's time goes

#: How each product reads its stored operands: ``a @ b``, ``a @ b.T`` (a weight's transpose), ``a.T @ b``.
_LAYOUTS = {"ab": lambda a, b: a @ b, "abT": lambda a, b: a @ b.T, "aTb": lambda a, b: a.T @ b}


def _products(batch: int) -> list:
    """The matrix products of the generated MLP ``value_and_grad`` (``X @ W1`` ... ``t4.T @ t7``) as
    ``(text, stored shape of a, stored shape of b, layout)``: forward pass, backward pass, the weights' gradients."""
    w = MLP
    forward = [(f"A{i} @ W{i + 1}", (batch, w[i]), (w[i], w[i + 1]), "ab") for i in range(3)]
    backward = [(f"D{i + 1} @ W{i + 1}.T", (batch, w[i + 1]), (w[i], w[i + 1]), "abT") for i in (2, 1)]
    weights = [(f"A{i}.T @ D{i + 1}", (batch, w[i]), (batch, w[i + 1]), "aTb") for i in range(3)]
    return forward + backward + weights


def _shape_text(shape: tuple, transposed: bool) -> str:
    rows, cols = shape[::-1] if transposed else shape
    return f"{rows}×{cols}"


def workload_gemm(quick: bool, repeats: int) -> dict:
    """Each matrix product of the MLP's value and gradient alone, NumPy (its BLAS) against ``jax.jit`` (XLA's own
    product), beside the whole generated function: how much of the MLP row is decided inside the BLAS."""
    batch = 4096
    values = initial_network(MLP)
    X, Y = _mlp_data(batch)
    cost, parameters, data = network_model(MLP, values)
    f = symopt.compile(cost, parameters)
    products = _products(batch)
    printed = f.source.count(" @ ") + f.source.count("transposed_matmul(")  # A.T @ D, chosen at call time
    if printed != len(products):
        raise AssertionError(f"the generated MLP function has {printed} products, not {len(products)}")
    args = f.bind((), dict(zip(parameters + data, values + [X, Y])))
    rng, rows, numpy_products, jax_products = np.random.default_rng(SEED), [], [], []
    for text, left, right, layout in products:
        a, b, product = rng.random(left), rng.random(right), _LAYOUTS[layout]
        numpy_products.append(lambda a=a, b=b, product=product: product(a, b))
        runs = {"hand": (numpy_products[-1], 1)}
        if jax is not None:
            jitted = jax.jit(product)
            ja, jb = jax.numpy.asarray(a), jax.numpy.asarray(b)
            np.testing.assert_allclose(np.asarray(jitted(ja, jb)), product(a, b), rtol=1e-10)
            jax_products.append(lambda ja=ja, jb=jb, jitted=jitted: jax.block_until_ready(jitted(ja, jb)))
            runs["jax"] = (jax_products[-1], 1)
        label = f"`{text}` {_shape_text(left, layout == 'aTb')} · {_shape_text(right, layout == 'abT')}"
        rows.append({"label": label, **interleaved(runs, repeats, 0.1 if not quick else 0.03)})
    rows.append({"label": "Adam's update of the six parameters (TF1's rule: 12 elementwise passes each in NumPy)",
                 **interleaved(_adam_update_runs(values), repeats, 0.1 if not quick else 0.03)})
    whole = {"hand": (lambda: f.function(*args), 1), "numpy products": (lambda: [p() for p in numpy_products], 1)}
    if jax is not None:
        whole["jax products"] = (lambda: [p() for p in jax_products], 1)
    rows.append({"label": "all of them, beside the whole generated `value_and_grad` (hand column)",
                 **interleaved(whole, repeats, 0.1 if not quick else 0.03)})
    notes = ["hand: NumPy's `@` (the BLAS NumPy links); jax: `jax.jit` of the same product (XLA's own). Adam's row: "
             "`HandAdam.update` (the update symopt generates, line for line) against `jax.jit` of the same update, "
             "which XLA fuses into one loop per parameter: a training step pays it once per mini-batch. Last row: the "
             "hand column is symopt's whole generated function, so the ratios there are the products' share of it "
             "(NumPy's products) and what the function would take with XLA's products (the rest: ReLU, masks, "
             "softmax, bias sums, in NumPy)"]
    return {"title": f"Where the MLP's time goes: its matrix products at batch {batch}, NumPy and XLA (float64)",
            "unit": "µs/call", "rows": rows, "notes": notes}


def _adam_update_runs(values) -> dict:
    """``{"hand": ..., "jax": ...}``: one Adam update of the MLP's parameters with random gradients, NumPy in place
    (:class:`models.HandAdam`) and ``jax.jit`` (checked against each other first)."""
    rng = np.random.default_rng(SEED)
    params, grads = [v.copy() for v in values], [rng.standard_normal(np.shape(v)) for v in values]
    adam = models.HandAdam(params)
    runs = {"hand": (lambda: adam.update(params, grads), 1)}
    if jax is not None:
        jnp, update = jax.numpy, models.jax_adam_update()
        state = ([jnp.asarray(v) for v in values], [jnp.asarray(g) for g in grads],
                 [jnp.zeros(np.shape(v)) for v in values], [jnp.zeros(np.shape(v)) for v in values],
                 jnp.float32(models.BETA1), jnp.float32(models.BETA2))
        check_adam = models.HandAdam([v.copy() for v in values])
        expected = [v.copy() for v in values]
        check_adam.update(expected, grads)
        for ours, theirs in zip(expected, update(*state)[0]):
            np.testing.assert_allclose(np.asarray(theirs), ours, rtol=1e-12)
        runs["jax"] = (lambda: jax.block_until_ready(update(*state)), 1)
    return runs


def workload_layout(quick: bool, repeats: int) -> dict:
    """The orientation experiment behind the gemm table: hand NumPy as written (row-major weights, ``A.T @ D``)
    against the same code with each weight's gradient as ``(D.T @ A).T``, with row-major weights (the gradient
    then has the other layout than its weight) and with column-major weights (Adam's slots follow them).  The
    allocator is settled first, as compiling any symopt function settles it in the other workloads."""
    settle_allocator()
    values = initial_network(MLP)
    rows = []
    for batch in (256, 4096):
        X, Y = _mlp_data(batch)
        columns = column_major(values)
        transposed = network_hand(columns, X, Y, transposed_products=True)
        check(f"transposed products, batch {batch}", transposed, network_hand(values, X, Y))
        runs = {"hand": (lambda: network_hand(values, X, Y), 1),
                "(DᵀA)ᵀ": (lambda: network_hand(values, X, Y, True), 1),
                "(DᵀA)ᵀ, W column-major": (lambda: network_hand(columns, X, Y, True), 1)}
        if jax is not None:
            runs["jax"] = (jax_value_and_grad(jax_functions()[2], values, [X, Y], list_params=True)[0], 1)
        rows.append({"label": f"value and gradient, batch {batch}",
                     **interleaved(runs, repeats, 0.1 if not quick else 0.03)})
    examples, batch = (4000 if quick else 20_000), 256
    X, Y = _mlp_data(examples, seed=1)
    steps = -(-examples // batch)
    runs = {"hand": (lambda: train_hand(X, Y, MLP, 1, batch), steps),
            "(DᵀA)ᵀ, W column-major": (lambda: train_hand(X, Y, MLP, 1, batch, transposed_products=True), steps)}
    if jax is not None:
        train_jax(X, Y, MLP, 1, batch)  # compile both batch shapes
        runs["jax"] = (lambda: train_jax(X, Y, MLP, 1, batch), steps)
    rows.append({"label": f"training, {steps} Adam steps", **interleaved(runs, repeats, 0.0)})
    notes = ["hand: `network_hand` as in the MLP rows; (DᵀA)ᵀ: each weight's gradient as `(D.T @ A).T` (the "
             "same sums handed to the BLAS the other way round; whether the bits are the same depends on the BLAS and "
             "the shape); W column-major: every weight stored in Fortran order, so the gradient, the weight and "
             "Adam's slots share one layout. `minimize` makes this choice per weight, where it measures it faster "
             "with the same bits (symopt/layouts.py): the symopt rows of the training table"]
    return {"title": "Handing the MLP's products to the BLAS the other way round (hand NumPy variants, float64)",
            "unit": "µs per call or step", "rows": rows, "notes": notes}


WORKLOADS = {"lecture": workload_lecture, "logistic": workload_logistic, "mlp": workload_mlp,
             "training": workload_training, "compile": workload_compile, "memory": workload_memory,
             "gemm": workload_gemm, "layout": workload_layout}

__all__ = ["WORKLOADS", "Timings", "tf1"]
