"""final47a2 47a2-5: a NumPy number INSIDE a Python list beside a bool tensor is converted strictly by TF1, as every
list item (only a NumPy scalar given alone is converted leniently, final47a 47a-1).  Messages: TF 2.21
(tf.compat.v1, graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def _bools():
    tf.reset_default_graph()
    return tf.constant([True, False, True])


@pytest.mark.parametrize("items, shown", [([np.float64(1.), True, True], "1.0 of type 'float64'"),
                                          ([np.float64(3.), 1., 1.], "3.0 of type 'float64'"),
                                          ([np.bool_(True), True, True], "True of type 'bool'")])
def test_numpy_item_in_list_times_bool_tensor_refused(items, shown):
    b = _bools()
    with pytest.raises(TypeError) as error:
        items * b  # TF 2.21: TypeError: Expected bool, but got 1.0 of type 'float64'.
    assert str(error.value).startswith(f"Expected bool, but got {shown}.")


def test_equal_bool_tensor_with_numpy_item_in_list_refused():
    b = _bools()
    with pytest.raises(TypeError) as error:
        tf.equal(b, [np.int64(1), True, False])
    assert str(error.value).startswith(  # TF 2.21's message
        "Expected bool passed to parameter 'y' of op 'Equal', got [np.int64(1), True, False] of type 'list' instead. "
        "Error: Expected bool, but got 1 of type 'int64'.")


def test_numpy_scalar_alone_still_runs():
    b = _bools()
    with tf.Session() as session:  # TF 2.21: [True, False, True] for each
        for out in session.run([np.float64(3.) * b, tf.equal(b, np.int64(1)), [True, True, True] * b]):
            np.testing.assert_array_equal(out, [True, False, True])


def test_equal_with_the_list_first_converts_it_by_itself():
    """final47a3 47a3-2: ``tf.equal([np.bool_(True), False], b)`` was refused as a reflected operator; TF 2.21 (and
    main) convert the list x by itself and give [True, True]; ``tf.equal(b, [np.bool_(True), False])`` stays TF's
    TypeError (y converted strictly to x's bool)."""
    tf.reset_default_graph()
    b = tf.constant([True, False])
    with tf.Session() as session:
        np.testing.assert_array_equal(session.run(tf.equal([np.bool_(True), False], b)), [True, True])
        np.testing.assert_array_equal(session.run(tf.not_equal([np.bool_(True), False], b)), [False, False])
    with pytest.raises(TypeError):
        tf.equal(b, [np.bool_(True), False])
