"""Models on matrices, timed: symopt against hand-written NumPy of the same math (and JAX, PyTorch).

    python benchmarks/models.py [--quick] [--repeats 7] [--depths 2 8 32]

1. Value and gradient, float64, one call:
   linear regression and logistic regression (m = 10 000, n = 100) and the digits network
   64-64-32-10 (ReLU, softmax cross-entropy) on a batch of 256.  symopt is timed twice:
   the generated function called directly, ``f.function(*f.bind((), feed))``, and the
   full ``f(feed)`` call (feed checking and conversion included).
2. Full training of the digits network: 150 epochs (``--quick``: 10), mini-batches of 32,
   Adam (TF1's rule), through ``symopt.minimize``, against a hand-written NumPy loop with
   the same shuffling (``default_rng(seed).permutation`` per epoch) and the same Adam
   arithmetic; the final parameters of the two are compared.
3. Compile time of each model (fresh symbols every time, so no cache hit): ``symopt.compile``
   (value and gradient) and ``compile_step`` with Adam (what ``minimize`` compiles).
4. Depth: networks 2, 8 and 32 layers deep (width 64, batch 256): compile times and step
   times, divided by depth, and the growth from one depth to the next.

JAX (``jax.jit``, x64) and PyTorch (eager, float64) columns appear when they import.
Every timing is the median of ``--repeats`` interleaved repeats, each long enough to
read (many calls per repeat for short functions), in one process; ratios are
``time / hand-written NumPy time`` (below 1 is faster than hand-written).  Issue
targets: value and gradient <= 1.2x, training <= 1.3x, compile < 0.5 s.
This is a script, not a test: timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

try:
    import resource
except ImportError:  # not on Windows
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _threads_from_argv(argv) -> int:
    """``--threads N`` must act before NumPy, JAX and PyTorch load their thread pools."""
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if arg.startswith("--threads="):
            return int(arg.split("=", 1)[1])
    return 1


THREADS = _threads_from_argv(sys.argv[1:])
if THREADS > 0:
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(THREADS)
    if THREADS == 1:
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                                   " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()

import numpy as np  # noqa: E402
import sympy  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.fused import compile_step  # noqa: E402

try:  # optional columns
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
except Exception:  # noqa: BLE001 - any import failure just drops the column
    jax = jnp = None
try:
    import torch
    import torch.nn.functional as F
    if THREADS > 0:
        torch.set_num_threads(THREADS)
except Exception:  # noqa: BLE001
    torch = F = None

SEED = 0
DIGITS = (64, 64, 32, 10)
LR, BETA1, BETA2, EPSILON = 0.001, 0.9, 0.999, 1e-8


# ------------------------------------------------------------------ timing

def _calibrate(function, minimum: float) -> int:
    """Calls per repeat so that one repeat takes at least ``minimum`` seconds."""
    function()
    number = 1
    while True:
        started = time.perf_counter()
        for _ in range(number):
            function()
        elapsed = time.perf_counter() - started
        if elapsed >= minimum or number >= 1 << 20:
            return number
        number *= max(2, min(10, int(minimum / max(elapsed, 1e-9)) + 1))


class Timings(dict):
    """Median seconds per call by name, plus ``ratio(name, base)``: the median of per-repeat ratios, and
    ``faults``: the median minor page faults per call of each (fresh pages the kernel had to map and zero)."""

    def __init__(self, samples: dict, faults: dict | None = None):
        super().__init__({name: statistics.median(values) for name, values in samples.items()})
        self.samples = samples
        self.faults = {name: statistics.median(values) for name, values in (faults or {}).items()}

    def ratio(self, name: str, base: str) -> float:
        return statistics.median(a / b for a, b in zip(self.samples[name], self.samples[base]))


def minor_faults() -> int:
    """Minor page faults of this process so far (0 where ``resource`` is missing)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource is not None else 0


def compare(functions: dict, repeats: int, minimum: float = 0.05) -> Timings:
    """Seconds per call of each function.  Each repeat times every function in turn (interleaved), so a
    ratio is taken between neighbours in time: on a shared machine load drifts, and it hits both alike.
    Minor page faults are counted too: whether NumPy's large temporaries come back as fresh pages on every
    call depends on the allocator's state (glibc returns a freed heap top to the kernel), not on the code."""
    numbers = {name: _calibrate(f, minimum) for name, f in functions.items()}
    times, faults = {name: [] for name in functions}, {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            number = numbers[name]
            faulted, started = minor_faults(), time.perf_counter()
            for _ in range(number):
                function()
            times[name].append((time.perf_counter() - started) / number)
            faults[name].append((minor_faults() - faulted) / number)
    return Timings(times, faults)


def median_of(function, repeats: int) -> float:
    """Median seconds of single calls of ``function`` (used for compile times and whole training runs)."""
    values = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        values.append(time.perf_counter() - started)
    return statistics.median(values)


def _jax_ready(out):
    return jax.block_until_ready(out)


# ------------------------------------------------------------------ models in symopt (fresh symbols each call)

def linear_model(n: int):
    X, y = symopt.Placeholder("X", shape=(None, n)), symopt.Placeholder("y", shape=(None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(n, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    return ops.mean(ops.square(ops.bias_add(X @ W, b) - y)) / 2, [W, b], [X, y]


def logistic_model(n: int):
    X, y = symopt.Placeholder("X", shape=(None, n)), symopt.Placeholder("y", shape=(None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(n, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    return ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), y), [W, b], [X, y]


def network_layers(depth: int, width: int = 64, inputs: int = 64, classes: int = 10) -> tuple:
    """Layer sizes of a ``depth``-layer network (``depth`` weight matrices)."""
    return (inputs,) + (width,) * (depth - 1) + (classes,)


def initial_network(layers, seed: int = SEED) -> list:
    """He-initialized weights and zero biases, ``[W1, b1, W2, b2, ...]``."""
    rng = np.random.default_rng(seed)
    values = []
    for fan_in, fan_out in zip(layers[:-1], layers[1:]):
        values += [rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out)), np.zeros((1, fan_out))]
    return values


def network_model(layers, values=None):
    X, Y = symopt.Placeholder("X", shape=(None, layers[0])), symopt.Placeholder("Y", shape=(None, layers[-1]))
    values = values if values is not None else initial_network(layers)
    parameters, activation = [], X
    for index, (fan_in, fan_out) in enumerate(zip(layers[:-1], layers[1:]), start=1):
        W = symopt.Variable(f"W{index}", values[2 * index - 2], shape=(fan_in, fan_out))
        b = symopt.Variable(f"b{index}", values[2 * index - 1], shape=(1, fan_out))
        parameters += [W, b]
        logits = ops.bias_add(activation @ W, b)
        activation = ops.relu(logits)
    return ops.softmax_cross_entropy(logits, Y), parameters, [X, Y]


# ------------------------------------------------------------------ hand-written NumPy

def linear_hand(W, b, X, y):
    m = X.shape[0]
    r = X @ W + b - y
    return (r * r).sum() / (2 * m), (X.T @ r / m, r.sum(axis=0, keepdims=True) / m)


def logistic_hand(W, b, X, y):
    m = X.shape[0]
    z = X @ W + b
    cost = (np.logaddexp(0, z) - y * z).sum() / m
    d = (0.5 + 0.5 * np.tanh(0.5 * z) - y) / m  # sigmoid(z) - y, overflow-free
    return cost, (X.T @ d, d.sum(axis=0, keepdims=True))


def network_hand(params, X, Y, transposed_products: bool = False):
    """Forward and backward pass of a ReLU network with a softmax cross-entropy (one-hot ``Y``).
    ``transposed_products``: each weight's gradient as :math:`(\Delta^T A)^T` instead of :math:`A^T \Delta`
    (the same sum, handed to the BLAS the other way round; the result is column-major)."""
    weights, depth, m = params[0::2], len(params) // 2, X.shape[0]
    inputs, logits, a = [], [], X
    for i in range(depth):
        inputs.append(a)
        z = a @ weights[i] + params[2 * i + 1]
        logits.append(z)
        a = np.maximum(z, 0) if i < depth - 1 else z
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    cost = -(Y * log_p).sum() / m
    d = (np.exp(log_p) - Y) / m
    grads = [None] * len(params)
    for i in reversed(range(depth)):
        grads[2 * i] = (d.T @ inputs[i]).T if transposed_products else inputs[i].T @ d
        grads[2 * i + 1] = d.sum(axis=0, keepdims=True)
        if i:
            d = (d @ weights[i].T) * (logits[i - 1] > 0)
    return cost, grads


class HandAdam:
    """TF1's Adam, in place: hyperparameters through float32, float32 beta powers, epsilon outside."""

    def __init__(self, params):
        cast = lambda v: np.float64(np.float32(v))  # noqa: E731
        self.lr, self.beta1, self.beta2, self.epsilon = cast(LR), cast(BETA1), cast(BETA2), cast(EPSILON)
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.beta1_power, self.beta2_power = np.float32(BETA1), np.float32(BETA2)

    def update(self, params, grads):
        alpha = self.lr * np.sqrt(1 - np.float64(self.beta2_power)) / (1 - np.float64(self.beta1_power))
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (g - m) * (1 - self.beta1)
            v += (g * g - v) * (1 - self.beta2)
            p -= m * alpha / (np.sqrt(v) + self.epsilon)
        self.beta1_power *= np.float32(BETA1)
        self.beta2_power *= np.float32(BETA2)


def adam_steps(cost, parameters, data, values, X, Y) -> tuple:
    """``(hand_step, symopt_step)``: one Adam step of the network on ``X, Y`` each (own copies of ``values``);
    symopt's is the fused compiled step on fixed state, what ``minimize`` calls per mini-batch."""
    compiled = compile_step(cost, parameters, symopt.Adam(LR), data, dtype="float64")
    params = [v.copy() for v in values]
    slots, shared = compiled.initial_slots(params)
    hyper = compiled.hyper_arguments()
    hand_params = [v.copy() for v in values]
    adam = HandAdam(hand_params)

    def symopt_step():
        return compiled.step(*params, *slots, *shared, *hyper, X, Y)

    def hand_step():
        cost, grads = network_hand(hand_params, X, Y)
        adam.update(hand_params, grads)
        return cost
    return hand_step, symopt_step


def batches(examples: int, batch: int, rng):
    order = rng.permutation(examples)
    return [order[start:start + batch] for start in range(0, examples, batch)]


def column_major(values: list) -> list:
    """The weight matrices of ``[W1, b1, ...]`` stored column-major (Fortran order); biases as they are."""
    return [np.asfortranarray(v) if v.shape[0] > 1 else v for v in values]


def train_hand(X, Y, layers, epochs: int, batch: int = 32, seed: int = SEED, transposed_products: bool = False):
    """Mini-batch Adam by hand; ``transposed_products``: weights (and so Adam's slots) column-major, their
    gradients computed as :math:`(\Delta^T A)^T` (see :func:`network_hand`)."""
    params = initial_network(layers, seed)
    params = column_major(params) if transposed_products else params
    adam, rng, history = HandAdam(params), np.random.default_rng(seed), []
    for _ in range(epochs):
        for index in batches(len(X), batch, rng):
            cost, grads = network_hand(params, np.take(X, index, axis=0), np.take(Y, index, axis=0),
                                       transposed_products)
            history.append(float(cost))
            adam.update(params, grads)
    return params, history


# ------------------------------------------------------------------ JAX and PyTorch versions

def jax_functions():
    def linear(W, b, X, y):
        r = X @ W + b - y
        return jnp.mean(r * r) / 2

    def logistic(W, b, X, y):
        z = X @ W + b
        return jnp.mean(jnp.logaddexp(0.0, z) - y * z)

    def network(params, X, Y):
        a, depth = X, len(params) // 2
        for i in range(depth):
            z = a @ params[2 * i] + params[2 * i + 1]
            a = jax.nn.relu(z) if i < depth - 1 else z
        return -jnp.sum(Y * jax.nn.log_softmax(z, axis=1)) / X.shape[0]

    return linear, logistic, network


def torch_functions():
    def linear(W, b, X, y):
        r = X @ W + b - y
        return (r * r).mean() / 2

    def logistic(W, b, X, y):
        return F.binary_cross_entropy_with_logits(X @ W + b, y)

    def network(params, X, Y):
        a, depth = X, len(params) // 2
        for i in range(depth):
            z = a @ params[2 * i] + params[2 * i + 1]
            a = torch.relu(z) if i < depth - 1 else z
        return -(Y * torch.log_softmax(z, dim=1)).sum() / X.shape[0]

    return linear, logistic, network


def jax_value_and_grad(loss, params, data, list_params=False):
    """A zero-argument timed callable and its first result."""
    if list_params:
        f = jax.jit(jax.value_and_grad(loss))
        p, d = [jnp.asarray(v) for v in params], [jnp.asarray(v) for v in data]
        return (lambda: _jax_ready(f(p, *d))), _jax_ready(f(p, *d))
    f = jax.jit(jax.value_and_grad(loss, argnums=tuple(range(len(params)))))
    args = [jnp.asarray(v) for v in list(params) + list(data)]
    return (lambda: _jax_ready(f(*args))), _jax_ready(f(*args))


def torch_value_and_grad(loss, params, data, list_params=False):
    p = [torch.tensor(v, requires_grad=True) for v in params]
    d = [torch.from_numpy(np.ascontiguousarray(v)) for v in data]

    def run():
        value = loss(p, *d) if list_params else loss(*p, *d)
        return value, torch.autograd.grad(value, p)

    return run, run()


_JAX_STEP = []


def jax_adam_step():
    """One jitted step (built once: a new ``jax.jit`` per training run would recompile every run)."""
    if _JAX_STEP:
        return _JAX_STEP[0]
    *_, network = jax_functions()
    lr, b1, b2, eps = (float(np.float32(v)) for v in (LR, BETA1, BETA2, EPSILON))

    @jax.jit
    def step(params, ms, vs, b1p, b2p, x, y):
        cost, grads = jax.value_and_grad(network)(params, x, y)
        alpha = lr * jnp.sqrt(1 - b2p.astype(jnp.float64)) / (1 - b1p.astype(jnp.float64))
        ms = [m + (g - m) * (1 - b1) for g, m in zip(grads, ms)]
        vs = [v + (g * g - v) * (1 - b2) for g, v in zip(grads, vs)]
        params = [p - m * alpha / (jnp.sqrt(v) + eps) for p, m, v in zip(params, ms, vs)]
        return cost, params, ms, vs, b1p * jnp.float32(BETA1), b2p * jnp.float32(BETA2)

    _JAX_STEP.append(step)
    return step


def jax_adam_update():
    """TF1's Adam update alone, jitted (the update lines of :func:`jax_adam_step`, which XLA fuses into one loop
    per parameter): ``update(params, grads, ms, vs, b1p, b2p) -> (params, ms, vs)``."""
    lr, b1, b2, eps = (float(np.float32(v)) for v in (LR, BETA1, BETA2, EPSILON))

    @jax.jit
    def update(params, grads, ms, vs, b1p, b2p):
        alpha = lr * jnp.sqrt(1 - b2p.astype(jnp.float64)) / (1 - b1p.astype(jnp.float64))
        ms = [m + (g - m) * (1 - b1) for g, m in zip(grads, ms)]
        vs = [v + (g * g - v) * (1 - b2) for g, v in zip(grads, vs)]
        return [p - m * alpha / (jnp.sqrt(v) + eps) for p, m, v in zip(params, ms, vs)], ms, vs
    return update


def train_jax(X, Y, layers, epochs, batch=32, seed=SEED):
    step = jax_adam_step()
    params = [jnp.asarray(v) for v in initial_network(layers, seed)]
    ms, vs = [jnp.zeros_like(p) for p in params], [jnp.zeros_like(p) for p in params]
    b1p, b2p = jnp.float32(BETA1), jnp.float32(BETA2)
    rng, history = np.random.default_rng(seed), []
    for _ in range(epochs):
        for index in batches(len(X), batch, rng):
            cost, params, ms, vs, b1p, b2p = step(params, ms, vs, b1p, b2p, np.take(X, index, axis=0),
                                                  np.take(Y, index, axis=0))
            history.append(float(cost))
    return [np.asarray(p) for p in params], history


def train_torch(X, Y, layers, epochs, batch=32, seed=SEED):
    *_, network = torch_functions()
    lr, b1, b2, eps = (float(np.float32(v)) for v in (LR, BETA1, BETA2, EPSILON))
    params = [torch.tensor(v, requires_grad=True) for v in initial_network(layers, seed)]
    ms = [torch.zeros_like(p) for p in params]
    vs = [torch.zeros_like(p) for p in params]
    b1p, b2p = np.float32(BETA1), np.float32(BETA2)
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    rng, history = np.random.default_rng(seed), []
    for _ in range(epochs):
        for index in batches(len(X), batch, rng):
            index = torch.from_numpy(index)
            cost = network(params, Xt.index_select(0, index), Yt.index_select(0, index))
            grads = torch.autograd.grad(cost, params)
            history.append(float(cost.detach()))
            alpha = lr * np.sqrt(1 - float(b2p)) / (1 - float(b1p))
            with torch.no_grad():
                for p, g, m, v in zip(params, grads, ms, vs):
                    m.add_((g - m) * (1 - b1))
                    v.add_((g * g - v) * (1 - b2))
                    p.sub_(m * alpha / (v.sqrt() + eps))
            b1p, b2p = b1p * np.float32(BETA1), b2p * np.float32(BETA2)
    return [p.detach().numpy() for p in params], history


# ------------------------------------------------------------------ data

def regression_data(m=10_000, n=100, seed=SEED):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, n))
    w = rng.standard_normal((n, 1))
    y_linear = X @ w + 0.5 + 0.1 * rng.standard_normal((m, 1))
    y_logistic = (rng.random((m, 1)) < 1 / (1 + np.exp(-X @ w / np.sqrt(n)))).astype(float)
    params = [0.01 * rng.standard_normal((n, 1)), np.full((1, 1), 0.1)]
    return X, y_linear, y_logistic, params


def digits_data():
    """The digits example's training split (1437 x 64) and one-hot labels; random data without scikit-learn."""
    try:
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
    except ImportError:
        rng = np.random.default_rng(SEED)
        labels = rng.integers(0, 10, 1437)
        return rng.random((1437, 64)), np.eye(10)[labels], "random stand-in (scikit-learn not installed)"
    images, labels = load_digits(return_X_y=True)
    train_x, _, train_y, _ = train_test_split(images / 16.0, labels, test_size=0.2, random_state=SEED,
                                              stratify=labels)
    return train_x, np.eye(10)[train_y], "scikit-learn digits, training split"


# ------------------------------------------------------------------ report helpers

def machine() -> str:
    text = (f"{platform.platform()} | {platform.machine()} {platform.processor() or ''}".rstrip()
            + f" | {os.cpu_count()} CPUs | Python {platform.python_version()}"
            + f" | numpy {np.__version__} | sympy {sympy.__version__} | symopt {symopt.__version__}")
    if jax is not None:
        text += f" | jax {jax.__version__} ({jax.default_backend()})"
    if torch is not None:
        text += f" | torch {torch.__version__} ({torch.get_num_threads()} threads)"
    return text


def us(seconds: float) -> str:
    return f"{seconds * 1e6:10.1f}"


def check(name: str, ours, reference, rtol=1e-9, atol=1e-12) -> None:
    """symopt and every other column must compute the same numbers before their times mean anything."""
    value, grads = ours
    ref_value, ref_grads = reference
    ok = np.allclose(float(value), float(ref_value), rtol=rtol, atol=atol) and all(
        np.allclose(np.asarray(g), np.asarray(r), rtol=rtol, atol=atol) for g, r in zip(grads, ref_grads))
    if not ok:
        raise AssertionError(f"{name}: values or gradients differ from hand-written NumPy")


# ------------------------------------------------------------------ 1 + 3: value and gradient, compile times

def bench_value_and_grad(repeats: int, quick: bool) -> list:
    X, y_linear, y_logistic, params = regression_data()
    digits_x, digits_y, _ = digits_data()
    net_params = initial_network(DIGITS)
    batch_x, batch_y = digits_x[:256], digits_y[:256]
    jl, jg, jn = jax_functions() if jax is not None else (None, None, None)
    tl, tg, tn = torch_functions() if torch is not None else (None, None, None)
    cases = [
        ("linear regression m=10000 n=100", lambda: linear_model(100), params, [X, y_linear],
         lambda: linear_hand(*params, X, y_linear), jl, tl, False),
        ("logistic regression m=10000 n=100", lambda: logistic_model(100), params, [X, y_logistic],
         lambda: logistic_hand(*params, X, y_logistic), jg, tg, False),
        ("digits network 64-64-32-10, batch 256", lambda: network_model(DIGITS), net_params, [batch_x, batch_y],
         lambda: network_hand(net_params, batch_x, batch_y), jn, tn, True),
    ]
    rows = []
    for name, build, values, data, hand, jax_loss, torch_loss, list_params in cases:
        cost, parameters, inputs = build()
        f = symopt.compile(cost, parameters)
        feed = dict(zip(parameters + inputs, list(values) + list(data)))
        args = f.bind((), feed)
        reference = hand()
        check(name + " (symopt)", f.function(*args), reference)
        check(name + " (symopt f(feed))", f(feed), reference)
        timed = {"hand": hand, "direct": lambda: f.function(*args), "call": lambda: f(feed)}
        if jax_loss is not None:
            timed["jax"], out = jax_value_and_grad(jax_loss, values, data, list_params)
            check(name + " (jax)", out, reference, rtol=1e-7)
        if torch_loss is not None:
            timed["torch"], out = torch_value_and_grad(torch_loss, values, data, list_params)
            check(name + " (torch)", (out[0].item(), [g.numpy() for g in out[1]]), reference, rtol=1e-7)
        times = compare(timed, repeats, minimum=0.02 if quick else 0.05)
        compile_repeats = max(5, repeats)

        def fresh_compile():
            c, p, _ = build()
            started = time.perf_counter()
            symopt.compile(c, p)
            return time.perf_counter() - started

        def fresh_compile_step():
            c, p, d = build()
            started = time.perf_counter()
            compile_step(c, p, symopt.Adam(LR), d, dtype="float64")
            return time.perf_counter() - started

        compile_time = statistics.median(fresh_compile() for _ in range(compile_repeats))
        step_compile_time = statistics.median(fresh_compile_step() for _ in range(compile_repeats))
        rows.append((name, times, compile_time, step_compile_time))
    return rows


def print_value_and_grad(rows) -> None:
    print("\n1. value and gradient, float64: µs per call (ratio to hand-written NumPy: median of per-repeat ratios)")
    columns = ["hand", "direct", "call"] + [c for c in ("jax", "torch") if any(c in r[1] for r in rows)]
    titles = {"hand": "hand NumPy", "direct": "symopt f.function", "call": "symopt f(feed)",
              "jax": "jax.jit", "torch": "torch eager"}
    print(f"{'model':40s}" + "".join(f"{titles[c]:>24s}" for c in columns))
    for name, times, *_ in rows:
        cells = [f"{us(times[c])} ({times.ratio(c, 'hand'):5.2f}x)" if c in times else f"{'-':>24s}"
                 for c in columns]
        print(f"{name:40s}" + "".join(f"{cell:>24s}" for cell in cells))
    print("\n3. compile time (fresh symbols, median): symopt.compile = differentiate + CSE + generate; "
          "compile_step = the same fused with Adam's update (what minimize compiles)")
    for name, _, compile_time, step_compile_time in rows:
        print(f"{name:40s} compile {compile_time * 1e3:8.1f} ms   compile_step(Adam) {step_compile_time * 1e3:8.1f} ms")


# ------------------------------------------------------------------ 2: training

def bench_training(epochs: int, repeats: int) -> dict:
    X, Y, source = digits_data()
    print(f"\n2. training the digits network {'-'.join(map(str, DIGITS))}: {epochs} epochs, batches of 32, "
          f"Adam({LR}) (TF1 rule); data: {source}, {len(X)} examples")
    cost, parameters, (Xp, Yp) = network_model(DIGITS)

    def ours():
        return symopt.minimize(cost, parameters, data={Xp: X, Yp: Y}, optimizer=symopt.Adam(LR), batch_size=32,
                               epochs=epochs, seed=SEED)

    started = time.perf_counter()
    first = ours()  # compiles (cached afterwards)
    first_time = time.perf_counter() - started
    hand_params, hand_history = train_hand(X, Y, DIGITS, epochs)
    difference = max(float(np.abs(first[p] - h).max()) for p, h in zip(parameters, hand_params))
    history_difference = float(np.abs(np.asarray(first.history) - np.asarray(hand_history)).max())
    print(f"   symopt vs hand: max |parameter difference| {difference:.2e}, "
          f"max |cost difference| over {len(hand_history)} steps {history_difference:.2e}")
    runs = {"hand": lambda: train_hand(X, Y, DIGITS, epochs), "symopt": ours}
    if jax is not None:
        jax_params, _ = train_jax(X, Y, DIGITS, 1)  # compile both batch shapes first
        runs["jax"] = lambda: train_jax(X, Y, DIGITS, epochs)
        jax_params, _ = train_jax(X, Y, DIGITS, epochs)
        print(f"   jax vs hand: max |parameter difference| "
              f"{max(float(np.abs(a - b).max()) for a, b in zip(jax_params, hand_params)):.2e}")
    if torch is not None:
        runs["torch"] = lambda: train_torch(X, Y, DIGITS, epochs)
        torch_params, _ = train_torch(X, Y, DIGITS, epochs)
        print(f"   torch vs hand: max |parameter difference| "
              f"{max(float(np.abs(a - b).max()) for a, b in zip(torch_params, hand_params)):.2e}")
    times = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    medians = Timings(times)
    steps = len(hand_history)
    for name, seconds in medians.items():
        label = {"hand": "hand NumPy loop", "symopt": "symopt.minimize (compiled step cached)",
                 "jax": "jax.jit step, Python loop", "torch": "torch eager, Python loop"}[name]
        print(f"   {label:40s} {seconds:8.3f} s  {seconds / steps * 1e6:8.1f} µs/step  "
              f"({medians.ratio(name, 'hand'):5.2f}x hand)")
    print(f"   symopt.minimize first call, compile included: {first_time:.3f} s")
    return {"medians": medians, "first": first_time, "difference": difference, "steps": steps}


# ------------------------------------------------------------------ 4: depth

def _fresh_compile(layers, values, kind: str) -> float:
    """Seconds to compile a freshly built network (new symbols: no cache hit)."""
    cost, parameters, data = network_model(layers, values)
    started = time.perf_counter()
    if kind == "compile":
        symopt.compile(cost, parameters)
    else:
        compile_step(cost, parameters, symopt.Adam(LR), data, dtype="float64")
    return time.perf_counter() - started


def bench_depth(depths, repeats: int, quick: bool) -> list:
    rng = np.random.default_rng(SEED)
    X = rng.random((256, 64))
    Y = np.eye(10)[rng.integers(0, 10, 256)]
    networks = {depth: (network_layers(depth), initial_network(network_layers(depth))) for depth in depths}
    # compile times: every repeat compiles every depth in turn, so load drift hits all depths alike
    compile_samples = {(depth, kind): [] for depth in depths for kind in ("compile", "step")}
    for _ in range(max(5, repeats)):
        for depth, (layers, values) in networks.items():
            for kind in ("compile", "step"):
                compile_samples[depth, kind].append(_fresh_compile(layers, values, kind))
    rows = []
    for depth, (layers, values) in networks.items():
        compile_time = statistics.median(compile_samples[depth, "compile"])
        step_compile_time = statistics.median(compile_samples[depth, "step"])

        cost, parameters, data = network_model(layers, values)
        f = symopt.compile(cost, parameters)
        args = f.bind((), dict(zip(parameters + data, values + [X, Y])))
        check(f"depth {depth}", f.function(*args), network_hand(values, X, Y))
        hand_step, symopt_step = adam_steps(cost, parameters, data, values, X, Y)
        times = compare({"hand": lambda: network_hand(values, X, Y), "direct": lambda: f.function(*args),
                         "hand_step": hand_step, "step": symopt_step}, repeats, minimum=0.02 if quick else 0.05)
        rows.append((depth, compile_time, step_compile_time, times))
    return rows, compile_samples


def _paired(samples_a, samples_b) -> float:
    return statistics.median(a / b for a, b in zip(samples_a, samples_b))


def print_depth(rows, compile_samples) -> None:
    print("\n4. depth (width 64, batch 256): compile times and step times; '/layer' divides by depth")
    print(f"{'depth':>5s} {'compile ms':>11s} {'/layer':>7s} {'compile_step ms':>16s} {'/layer':>7s} "
          f"{'value+grad µs':>14s} {'/layer':>7s} {'(x hand)':>9s} {'Adam step µs':>13s} {'/layer':>7s} {'(x hand)':>9s}")
    for depth, compile_time, step_compile_time, t in rows:
        print(f"{depth:5d} {compile_time * 1e3:11.1f} {compile_time * 1e3 / depth:7.2f} "
              f"{step_compile_time * 1e3:16.1f} {step_compile_time * 1e3 / depth:7.2f} "
              f"{t['direct'] * 1e6:14.1f} {t['direct'] * 1e6 / depth:7.1f} {t.ratio('direct', 'hand'):8.2f}x "
              f"{t['step'] * 1e6:13.1f} {t['step'] * 1e6 / depth:7.1f} {t.ratio('step', 'hand_step'):8.2f}x")
    print("   growth from one depth to the next (a depth-d network has d - 1 hidden 64x64 layers and one 64x10; "
          "compile growth: median of per-repeat ratios; hand-written NumPy's growth shown for the same step):")
    for (d0, c0, s0, t0), (d1, c1, s1, t1) in zip(rows, rows[1:]):
        print(f"   depth {d0} -> {d1} (x{d1 / d0:g} layers, x{(d1 - 1) / max(d0 - 1, 1):.2f} hidden): "
              f"compile x{_paired(compile_samples[d1, 'compile'], compile_samples[d0, 'compile']):.2f}, "
              f"compile_step x{_paired(compile_samples[d1, 'step'], compile_samples[d0, 'step']):.2f}, "
              f"value+grad x{t1['direct'] / t0['direct']:.2f} (hand x{t1['hand'] / t0['hand']:.2f}), "
              f"Adam step x{t1['step'] / t0['step']:.2f} (hand x{t1['hand_step'] / t0['hand_step']:.2f})")


# ------------------------------------------------------------------ main

def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and 10 training epochs")
    parser.add_argument("--repeats", type=int, default=None, help="repeats per timing (default 7, quick 3)")
    parser.add_argument("--epochs", type=int, default=None, help="training epochs (default 150, quick 10)")
    parser.add_argument("--depths", type=int, nargs="+", default=[2, 8, 32])
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS/XLA/torch threads (default 1; 0 = each library's default). On a shared "
                             "machine multi-threaded BLAS under load can run 20x slower and swamp every ratio")
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    epochs = args.epochs or (10 if args.quick else 150)
    warnings.filterwarnings("ignore", message=".*os.fork.*")
    print(f"machine: {machine()}")
    print(f"threads: {THREADS if THREADS > 0 else 'library defaults'} (BLAS, XLA, torch)")
    print(f"medians of {repeats} repeats{' (quick run)' if args.quick else ''}; float64 everywhere")
    if jax is None:
        print("(jax not importable: no JAX column)")
    if torch is None:
        print("(torch not importable: no PyTorch column)")
    rows = bench_value_and_grad(repeats, args.quick)
    print_value_and_grad(rows)
    training = bench_training(epochs, max(3, repeats // 2) if not args.quick else 1)
    depth_rows, compile_samples = bench_depth(args.depths, repeats, args.quick)
    print_depth(depth_rows, compile_samples)
    print_targets(rows, training, depth_rows)


def print_targets(rows, training, depth_rows) -> None:
    """The issue's targets, each against the number measured above."""
    print("\ntargets (issue): value and gradient <= 1.2x hand NumPy, training <= 1.3x, compile < 0.5 s")
    verdict = lambda ok: "meets" if ok else "MISSES"  # noqa: E731
    for name, times, compile_time, step_compile_time in rows:
        direct, call = times.ratio("direct", "hand"), times.ratio("call", "hand")
        print(f"   {verdict(direct <= 1.2):6s} value+grad {name}: {direct:.2f}x (f(feed): {call:.2f}x)")
    ratio = training["medians"].ratio("symopt", "hand")
    print(f"   {verdict(ratio <= 1.3):6s} training digits network: {ratio:.2f}x")
    compiles = [(name, c, s) for name, _, c, s in rows] + \
        [(f"depth {d} network", c, s) for d, c, s, _ in depth_rows]
    for name, compile_time, step_compile_time in compiles:
        worst = max(compile_time, step_compile_time)
        print(f"   {verdict(worst < 0.5):6s} compile {name}: {compile_time:.3f} s, with Adam {step_compile_time:.3f} s")


if __name__ == "__main__":
    main()
