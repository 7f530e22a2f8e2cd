"""symopt and symopt.compat.v1 as lazy packages (probe58): every documented submodule is an attribute after
``import symopt`` (P58-1), and both packages pickle by reference like any module, so a function that uses
``symopt.`` or ``tf.`` can go to joblib's processes, dask or ray (P58-2)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import symopt
import symopt.compat.v1 as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_initializers_is_an_attribute_after_import_symopt_alone():
    # docs/compat.md and the symopt.initializers docstring write symopt.initializers.glorot_uniform(seed=0);
    # a fresh process, so no other test has imported the submodule first
    program = ("import symopt; W = symopt.Variable('W', symopt.initializers.glorot_uniform(seed=0), shape=(64, 32)); "
               "print(symopt.initializers.__name__)")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "symopt.initializers"


@pytest.mark.parametrize("package", [symopt, tf], ids=["symopt", "symopt.compat.v1"])
def test_the_packages_pickle_by_reference(package):
    assert pickle.loads(pickle.dumps(package)) is package


def uses_both(x):
    return symopt.__name__, tf.__name__, x


def test_a_function_using_the_packages_goes_through_cloudpickle():
    cloudpickle = pytest.importorskip("cloudpickle")
    by_value = cloudpickle.dumps(uses_both)  # cloudpickle pickles a module's function by name unless told otherwise
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        by_value = cloudpickle.dumps(uses_both)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert cloudpickle.loads(by_value)(1) == ("symopt", "symopt.compat.v1", 1)


def test_an_exported_name_still_wins_over_its_submodule():
    import symopt.minimize  # noqa: F401  (the import system sets symopt.minimize to the submodule)
    assert callable(symopt.minimize)
