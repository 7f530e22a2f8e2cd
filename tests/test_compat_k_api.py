"""TF1 calls a tester found refused or unchecked (probes K21, K9, K6, K7): ``Variable.load`` checks the shape before
storing, ``.eval()`` of an assignment, ``tf.train.Saver`` with a dict ``var_list``, and the operators ``& | ^ ~
abs()`` on tensors.  Expected values come from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import os
import tempfile

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_load_checks_the_shape_before_storing():
    b, W, s0 = tf.Variable(tf.zeros([3])), tf.Variable(tf.zeros([2, 1])), tf.Variable(1.0)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    # TF 2.21 refuses each with "ValueError: Cannot feed value of shape (1,) for Tensor ..., which has shape (3,)"
    for variable, value, given in ((b, [5.0], r"\(1,\)"), (W, np.ones((3, 1)), r"\(3, 1\)"),
                                   (W, [[1.0, 2.0]], r"\(1, 2\)"), (s0, [1.0], r"\(1,\)"),
                                   (b, [[1.0, 2.0, 3.0]], r"\(1, 3\)"), (b, 7.0, r"\(\)")):
        before = sess.run(variable)
        with pytest.raises(ValueError, match=f"Cannot feed value of shape {given} for Tensor {variable.name}"):
            variable.load(value, sess)
        np.testing.assert_array_equal(sess.run(variable), before)  # nothing stored
    W.load([[1], [2]], sess)
    s0.load(np.float64(2.5), sess)
    np.testing.assert_array_equal(sess.run(W), np.float32([[1], [2]]))
    assert sess.run(s0) == np.float32(2.5)
    with sess.as_default():
        b.load([1, 2, 3])
    np.testing.assert_array_equal(sess.run(b), np.float32([1, 2, 3]))


def test_eval_of_an_assignment_runs_it():
    W = tf.Variable(1.0)
    sess = tf.InteractiveSession()
    try:
        sess.run(tf.global_variables_initializer())
        # TF 2.21: 2.0, 4.0, 10.0, 5.0, 15.0
        assert W.assign(W + 1.0).eval() == 2.0
        assert tf.assign_add(W, 2.0).eval() == 4.0
        assert (W.assign(W + 1.0) * 2).eval() == 10.0
        assert W.eval() == 5.0
        x = tf.placeholder(tf.float32, [])
        assert W.assign(W * x).eval(feed_dict={x: 3.0}) == 15.0
        other = tf.Session()
        other.run(W.initializer)
        assert W.assign_sub(0.5).eval(session=other) == 0.5 and W.eval(session=other) == 0.5 and W.eval() == 15.0
    finally:
        sess.close()


def _model():
    W = tf.Variable(np.float32([[0.5], [-0.3]]), name="W")
    b = tf.Variable(0.1, name="b")
    x = tf.constant(np.float32([[1, 2], [3, -1], [0.5, 0.5]]))
    y = tf.constant(np.float32([[1], [0], [2]]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))
    return W, b, loss, tf.train.AdamOptimizer(0.1).minimize(loss)


def test_saver_with_a_dict_var_list_and_a_subset_without_slots():
    folder = tempfile.mkdtemp()
    W, b, loss, train = _model()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train)
    trained = sess.run([W, b])
    named = os.path.join(folder, "named")
    assert tf.train.Saver({"weights": W, "bias": b}).save(sess, named) == named
    tf.train.Saver([W]).save(sess, os.path.join(folder, "subset"))
    tf.reset_default_graph()
    V, c = tf.Variable(tf.zeros([2, 1]), name="V"), tf.Variable(0.0, name="c")
    other = tf.Session()
    other.run(tf.global_variables_initializer())
    tf.train.Saver({"weights": V, "bias": c}).restore(other, named)
    restored = other.run([V, c])
    np.testing.assert_array_equal(restored[0], trained[0])
    assert restored[1] == trained[1]
    with pytest.raises(tf.errors.NotFoundError, match="nothere"):
        tf.train.Saver({"nothere": V}).restore(other, named)
    with pytest.raises(TypeError, match="a dict from names"):
        tf.train.Saver({"weights": "W"})
    # a saver of a given var_list holds no optimizer slots (TF1: they are not in the list): the restored model
    # trains from fresh Adam slots, as TF 2.21 does (first losses 1.4143295, 1.1044737)
    tf.reset_default_graph()
    W, b, loss, train = _model()
    third = tf.Session()
    third.run(tf.global_variables_initializer())
    tf.train.Saver([W]).restore(third, os.path.join(folder, "subset"))
    losses = [third.run([train, loss])[1] for _ in range(2)]
    np.testing.assert_allclose(losses, [1.4143295, 1.1044737], rtol=2e-7)


def test_python_operators_on_bool_and_float_tensors():
    a = tf.constant([True, False, True, False])
    b = tf.constant([True, True, False, False])
    X = tf.placeholder(tf.float32, [None, 3])
    s = tf.Session()
    xd = np.float32([[-1.5, 0.5, 2.0], [0.2, -0.0, 1.0]])
    # TF 2.21's values
    got = s.run([a & b, a | b, a ^ b, ~a, tf.logical_xor(a, b)])
    expected = [[True, False, False, False], [True, True, True, False], [False, True, True, False],
                [False, True, False, True], [False, True, True, False]]
    for value, want in zip(got, expected):
        np.testing.assert_array_equal(value, want)
        assert value.dtype == np.bool_
    np.testing.assert_array_equal(s.run(abs(X), {X: xd}), np.abs(xd))
    mask = (X > 0) & (X < 1)
    value, count, other = s.run([mask, tf.reduce_sum(tf.cast(mask, tf.float32)), ~(X > 0) | (X > 1.5)], {X: xd})
    np.testing.assert_array_equal(value, [[False, True, False], [True, False, False]])
    assert count == np.float32(2.0)
    np.testing.assert_array_equal(other, [[True, False, True], [False, True, False]])
    np.testing.assert_array_equal(s.run(a & True), [True, False, True, False])
    np.testing.assert_array_equal(s.run(False | b), [True, True, False, False])
    with pytest.raises(TypeError, match="bitwise op"):  # TF 2.21's & of integers is tf.bitwise (probe48 P48-8):
        tf.constant([1, 2]) & tf.constant([3, 4])  # a typed refusal (UnsupportedOperationError is a TypeError)


def test_a_checkpoint_written_by_tensorflow_is_named_and_refused_clearly():
    """Probe K16: a directory real TensorFlow saved into (``checkpoint``, ``all.index``, ``all.data-00000-of-00001``;
    the file contents do not matter here).  TF1's ``latest_checkpoint`` returns its path; symopt does too, so the
    resume idiom reaches ``restore``, which says the format cannot be read instead of starting from scratch."""
    folder = tempfile.mkdtemp()
    for name in ("all.index", "all.data-00000-of-00001", "all.meta"):
        with open(os.path.join(folder, name), "wb") as stream:
            stream.write(b"\x00written by TensorFlow\x00")
    with open(os.path.join(folder, "checkpoint"), "w") as stream:
        stream.write(f'model_checkpoint_path: "{folder}/all"\nall_model_checkpoint_paths: "{folder}/all"\n')
    W = tf.Variable(tf.zeros([2, 1]), name="W")
    saver, sess = tf.train.Saver(), tf.Session()
    path = tf.train.latest_checkpoint(folder)
    assert path == os.path.join(folder, "all")
    with pytest.raises(ValueError, match="checkpoint in TensorFlow's own format .* cannot read"):
        saver.restore(sess, path)
    with pytest.raises(tf.errors.FailedPreconditionError):
        sess.run(W)  # nothing was set
    os.remove(os.path.join(folder, "all.index"))
    assert tf.train.latest_checkpoint(folder) is None  # its files are gone


def test_argmax_and_argmin_skip_nan_as_tf1():
    """Probe K20; TF 2.21's indices for the same rows (ties: the first index)."""
    X = tf.placeholder(tf.float32, [None, 3])
    Xd = np.float32([[np.nan, 1, 2], [1, np.nan, 0], [np.inf, np.inf, 1], [-np.inf, 5, np.nan], [2, 2, 2]])
    s = tf.Session()
    np.testing.assert_array_equal(s.run(tf.argmax(X, 1), {X: Xd}), [2, 0, 0, 1, 0])
    np.testing.assert_array_equal(s.run(tf.argmin(X, 1), {X: Xd}), [1, 2, 2, 0, 0])
    np.testing.assert_array_equal(s.run(tf.argmax(X, 0), {X: Xd}), [2, 2, 0])
    np.testing.assert_array_equal(s.run(tf.argmin(X, 0), {X: Xd}), [3, 0, 1])
    y = tf.placeholder(tf.float32, [None, 3])
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(X, 1), tf.argmax(y, 1)), tf.float32))
    assert s.run(accuracy, {X: Xd, y: np.eye(3, dtype=np.float32)[[2, 0, 0, 1, 0]]}) == 1.0
    v = tf.placeholder(tf.float32, [None])
    assert s.run(tf.argmax(v, 0), {v: np.float32([np.nan, 3, 1])}) == 1
    assert s.run(tf.argmin(v), {v: np.float32([np.nan, 3, 1])}) == 2


def test_tensors_of_two_graphs_and_unknown_fetch_names_are_tf1s_value_errors():
    """Probe K10 (TF 2.21 raises the same ValueErrors)."""
    other = tf.Graph()
    with other.as_default():
        V = tf.constant([1.0, 2.0])
        assert tf.Session().run(V * 2).tolist() == [2.0, 4.0]
    W = tf.constant([3.0, 4.0])
    for combine in (lambda: V * W, lambda: tf.add(W, V)):
        with pytest.raises(ValueError, match="must be from the same graph as"):
            combine()
    with pytest.raises(ValueError, match="'nope:0' cannot be interpreted as a Tensor"):
        tf.Session().run("nope:0")
    assert tf.Session().run(W * 2).tolist() == [6.0, 8.0]


def test_count_up_to_returns_the_value_before_and_stops_at_the_limit():
    """Probe K9's last call; TF 2.21: 0, 1, 2, then OutOfRangeError with the variable at 3."""
    v = tf.Variable(0)
    counter = v.count_up_to(3)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    assert [sess.run(counter) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(tf.errors.OutOfRangeError, match="Reached limit of 3"):
        sess.run(counter)
    assert sess.run(v) == 3
