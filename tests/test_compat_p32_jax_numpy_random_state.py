"""probe32 P32-2: making a session with ``ConfigProto(backend="jax")`` imported JAX, which draws from NumPy's global
random state, so a program seeded with ``np.random.seed(0)`` drew other batches and noise than under the NumPy
session and TF (which leaves the state alone: wiseodd's BEGAN and AAE trained differently).  Now the session keeps
the program's stream.  Run in a fresh interpreter, where JAX is not imported yet."""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import symopt

pytest.importorskip("jax")

PROGRAM = """
import numpy as np, symopt.compat.v1 as tf
np.random.seed(0)
X = tf.placeholder(tf.float32, [None, 2]); W = tf.Variable([[1.0], [2.0]])
train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(tf.square(tf.matmul(X, W) - 1.0)))
sess = tf.Session(config=tf.ConfigProto(backend="jax"))
sess.run(tf.global_variables_initializer())
sess.run(train, {X: np.random.rand(3, 2)})
print(repr(np.random.rand(3).tolist()))
"""


def test_a_jax_session_leaves_numpy_s_global_stream_as_seeded():
    root = pathlib.Path(symopt.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    stream = np.random.RandomState(0)
    stream.rand(3, 2)  # the batch the program drew
    assert done.stdout.strip() == repr(stream.rand(3).tolist())  # TF 2.21 and the NumPy session draw these
