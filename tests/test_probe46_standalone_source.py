"""probe46 P46-6: ``CompiledFunction.source`` is the function alone; taken away it failed (``NameError: name
'logistic_loss' is not defined``), and its ``heaviside(t2)`` was bound to ``symopt.runtime.step``, a name the runtime
did not have under the printed one.  ``standalone_source`` is now the module that runs without symopt (imports,
``dtype``, each helper the function calls and what those read), and the runtime's Heaviside is named ``heaviside``.
Oracle: the compiled function's own values, bit for bit, in a process where ``import symopt`` fails."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import sympy

import symopt
from symopt import ops, runtime

DRIVER = """
import pickle, runpy, sys
sys.modules["symopt"] = None  # import symopt raises ImportError: the text must not need it
import numpy as np
cases = pickle.load(open(sys.argv[1], "rb"))
for name, (path, values, expected) in cases.items():
    value, gradients = runpy.run_path(path)["value_and_grad"](*values)
    same = np.array_equal(value, expected[0]) and all(
        np.array_equal(g, e) and np.asarray(g).dtype == np.asarray(e).dtype for g, e in zip(gradients, expected[1]))
    print(name, same)
"""


def _cases():
    rng = np.random.default_rng(0)
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, V = symopt.Variable("W", 0.0, shape=(3, 1)), symopt.Variable("V", 0.0, shape=(3, 4))
    Y = symopt.Placeholder("Y", (None, 4))
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder("a")
    X32 = symopt.Placeholder("X", (None, 3), dtype="float32")
    X50, y50 = rng.normal(size=(50, 3)), (rng.random((50, 1)) > 0.5) * 1.0
    return {
        "logistic": (symopt.compile(ops.sigmoid_cross_entropy(X @ W, y), W),
                     dict(W=rng.normal(size=(3, 1)), X=X50, y=y50)),
        "softmax": (symopt.compile(ops.softmax_cross_entropy(X @ V, Y), V),
                    dict(V=rng.normal(size=(3, 4)), X=X50, Y=np.eye(4)[rng.integers(0, 4, 50)])),
        "scalar": (symopt.compile(symopt.relu(w - a) ** 2 + sympy.erf(w) + sympy.Max(w, a), w), dict(w=0.3, a=0.1)),
        "float32": (symopt.compile(ops.mean(ops.square(X32 @ W - y)), W),
                    dict(W=rng.normal(size=(3, 1)), X=X50, y=rng.normal(size=(50, 1)))),
    }


def test_the_standalone_text_runs_without_symopt_and_gives_the_same_bits(tmp_path):
    cases = {}
    for name, (f, feed) in _cases().items():
        path = tmp_path / f"{name}.py"
        path.write_text(f.standalone_source)
        body = f.source.rstrip().partition("\n")[2]  # a math program is exported as value_and_grad_math (fix45d)
        assert "symopt import" not in f.standalone_source and body in f.standalone_source
        values = f.bind((), feed)
        cases[name] = (str(path), values, f.function(*values))
    with open(tmp_path / "cases.pkl", "wb") as stream:
        pickle.dump(cases, stream)
    finished = subprocess.run([sys.executable, "-I", "-c", DRIVER, str(tmp_path / "cases.pkl")], capture_output=True,
                              text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split() == ["logistic", "True", "softmax", "True", "scalar", "True", "float32", "True"]


def test_the_helpers_are_named_in_the_runtime_as_printed():
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder("a")
    f = symopt.compile(symopt.relu(w - a) ** 2, w)
    assert "heaviside(" in f.source and runtime.heaviside(np.array([-1.0, 0.0, 2.0, np.nan])).tolist() == \
        [0.0, 0.0, 1.0, 0.0]
    namespace = {**vars(runtime), "dtype": np.dtype("float64")}  # the doc's way: the runtime's names, as printed
    exec(f.source, namespace)  # noqa: S102 - symopt's own generated text
    assert namespace["value_and_grad"](0.5, 0.1) == f(w=0.5, a=0.1)


def test_the_standalone_text_lists_what_it_defines():
    f, _ = _cases()["scalar"]
    text = f.standalone_source
    assert text.startswith('"""symopt\'s generated value_and_grad with the imports and helpers it calls: runs without '
                           'symopt (needs NumPy)."""\n\nfrom __future__ import annotations\n\nimport math\nimport numpy\n'
                           'import operator\n\n\ndef _fold(')
    assert text.index("def _fold(") < text.index("def float_max(") < text.index("def heaviside(") < \
        text.index("def value_and_grad(")


def test_a_jitted_function_is_refused_naming_source():
    import types

    import pytest

    from symopt.errors import UnsupportedOperationError
    from symopt.standalone import standalone_source

    jitted = types.SimpleNamespace(source="def value_and_grad(w):\n    return w, (w,)\n")  # as the JAX backend's
    with pytest.raises(UnsupportedOperationError, match=r"the JAX backend's function runs under jax\.jit: take "
                                                        r"\.source"):
        standalone_source(jitted)
