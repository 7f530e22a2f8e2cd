"""TF1's printing and naming details after the f-probe report (findings F4, F5, F8, F22, F26).

Expected strings are TensorFlow's (``tensorflow.compat.v1``), copied here.
"""

import subprocess
import sys
import warnings

import numpy as np

import symopt.compat.v1 as tf


def test_dtypes_print_and_compare_as_tf1():
    assert str(tf.float32) == "<dtype: 'float32'>" and repr(tf.float32) == "tf.float32"
    assert str(tf.int32) == "<dtype: 'int32'>"
    assert tf.float32 == "float32" and tf.float64 == "float64" and tf.float32 == "float" and tf.float32 == np.float32
    assert tf.float32 != "float64" and tf.float32 != None and tf.float32 != 3.5  # noqa: E711
    assert len({tf.float32, tf.as_dtype("float32"), tf.as_dtype("float")}) == 1


def test_op_names_are_counted_without_case():
    tf.reset_default_graph()
    w = tf.Variable([.3], dtype=tf.float32)
    x = tf.placeholder(tf.float32)
    b = tf.Variable([-.3], dtype=tf.float32)
    model = w * x + b
    n1, n2 = tf.constant(3.0), tf.constant(4.0)
    names = [str(t) for t in (model, tf.add(n1, n2), tf.add(n1, n2), tf.multiply(n1, n2), n1 * n2)]
    assert names == ['Tensor("add:0", dtype=float32)', 'Tensor("Add_1:0", shape=(), dtype=float32)',
                     'Tensor("Add_2:0", shape=(), dtype=float32)', 'Tensor("Mul_1:0", shape=(), dtype=float32)',
                     'Tensor("mul_2:0", shape=(), dtype=float32)']
    tf.reset_default_graph()
    a = tf.constant(1.0, name="add_1")  # a name the program gave is skipped by the counter
    assert [t.name for t in (a, tf.add(a, a), tf.add(a, a), a + a)] == ["add_1:0", "Add:0", "Add_2:0", "add_3:0"]
    tf.reset_default_graph()
    tf.placeholder(tf.float32, name="y")
    assert tf.placeholder(tf.float32, [6, None], name="Y").name == "Y_1:0"


def test_a_full_reduction_of_a_shapeless_placeholder_is_a_scalar():
    tf.reset_default_graph()
    x = tf.placeholder("float")
    assert str(tf.reduce_sum(x) / 34) == 'Tensor("truediv:0", shape=(), dtype=float32)'
    assert str(tf.reduce_mean(x)) == 'Tensor("Mean:0", shape=(), dtype=float32)'
    assert str(tf.reduce_sum(x, 0)) == 'Tensor("Sum_1:0", dtype=float32)'  # along an axis: unknown
    with tf.Session() as sess:
        assert sess.run(tf.reduce_sum(x) / 2, {x: [1.0, 2.0, 3.0]}) == 3.0


def test_boolean_constants_need_no_deprecated_sympy_matrices():
    tf.reset_default_graph()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        flags = tf.constant([True, False])
        both = tf.logical_and(flags, tf.constant([True, True]))
        as_float = tf.cast(flags, tf.float32)
        with tf.Session() as sess:
            values = sess.run([flags, both, as_float])
    np.testing.assert_array_equal(values[0], [True, False])
    np.testing.assert_array_equal(values[1], [True, False])
    assert values[2].dtype == np.float32 and values[2].tolist() == [1.0, 0.0]


def test_running_a_missing_program_is_one_line_and_status_2(tmp_path):
    missing = tmp_path / "nonexist.py"
    done = subprocess.run([sys.executable, "-m", "symopt.compat.v1", str(missing)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"symopt tf1: {missing}: no such file\n"
