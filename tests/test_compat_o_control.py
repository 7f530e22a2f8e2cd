"""``tf.control_dependencies``, ``tf.Print`` and ``tf.print`` as TF1 runs them.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import re

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED_X = [[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]]
FEED_Y = [[1.0], [0.0], [2.0]]


def regression():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable([[0.5], [-0.25]])
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y))
    return X, Y, W, loss, {X: FEED_X, Y: FEED_Y}


def test_the_classic_update_before_train_and_identity_inside():
    X, Y, W, loss, feed = regression()
    counter = tf.Variable(0, name="counter")
    total = tf.Variable(0.0)
    step = tf.assign_add(counter, 1)
    with tf.control_dependencies([step]):
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        seen = tf.identity(counter)
    with tf.control_dependencies([tf.assign_add(total, loss)]):
        logged = tf.identity(total)
    with tf.control_dependencies([]):
        plain = tf.identity(counter)
    with tf.control_dependencies([step]):
        with tf.control_dependencies(None):
            cleared = tf.identity(counter)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, feed)
        assert sess.run(counter) == 3  # TF 2.21 compat.v1: the update ran before each step
        np.testing.assert_allclose(sess.run(W), [[0.21726851], [0.37672225]], rtol=1e-6)  # TF 2.21 compat.v1
        assert [sess.run(seen), sess.run(plain), sess.run(cleared)] == [4, 4, 4]  # TF 2.21 compat.v1
        logged_value, loss_value = sess.run([logged, loss], feed)
        np.testing.assert_allclose([logged_value, loss_value, sess.run(total)], [0.9922511] * 3,
                                   rtol=1e-6)  # TF 2.21 compat.v1
        assert sess.run([step, seen]) == [5, 5]  # TF 2.21 compat.v1: the update runs once per run
        assert sess.run(counter) == 5


def test_a_tensor_made_outside_the_block_is_computed_before_the_control_inputs():
    X, Y, W, loss, feed = regression()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.control_dependencies([train]):
        train_loss = tf.identity(loss)  # TF1: the loss the step computed, before the update
        doubled = loss * 2.0
        w_after = tf.identity(W)  # reads the variable after the update
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        runs = [sess.run([train_loss, doubled, w_after], feed) for _ in range(3)]
        final = sess.run(loss, feed)
    # TF 2.21 compat.v1
    np.testing.assert_allclose([r[0] for r in runs], [2.5260417, 1.4338309, 1.1152396], rtol=1e-6)
    np.testing.assert_allclose([r[1] for r in runs], [5.0520835, 2.8676617, 2.2304792], rtol=1e-6)
    np.testing.assert_allclose(runs[0][2], [[0.27916664], [0.0625]], rtol=1e-6)
    np.testing.assert_allclose(runs[2][2], [[0.21726851], [0.37672225]], rtol=1e-6)
    np.testing.assert_allclose(final, 0.9922511, rtol=1e-6)


def test_control_inputs_must_be_operations_or_tensors_and_are_refused_at_once():
    with pytest.raises(TypeError, match="Can not convert a int into a Tensor or Operation"):  # TF 2.21 compat.v1
        tf.control_dependencies([3])
    with pytest.raises(TypeError, match="list of operations or tensors"):
        tf.control_dependencies(tf.no_op())


def test_print_writes_tf1s_summary_to_stderr_and_passes_the_value_on(capsys):
    x = tf.placeholder(tf.float32, [None])
    v = tf.Variable(3.0)
    w = tf.constant([[1.0, 2.0, 3.0, 4.0], [5, 6, 7, 8]])
    printed = tf.Print(x, [x, v, w, tf.constant(3), tf.constant(True), tf.constant("hi")], "values: ")
    short = tf.Print(x, [x], summarize=2)
    first = tf.Print(x, [x], "first: ", first_n=2)
    assert str(printed) == 'Tensor("Print:0", shape=(?,), dtype=float32)'  # TF 2.21 compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(printed * 2, {x: [1, 2, 3, 4, 5]}).tolist() == [2, 4, 6, 8, 10]
        sess.run(short, {x: [1, 2, 3, 4, 5]})
        for _ in range(3):
            sess.run(first, {x: [1.5]})
    # TF 2.21 compat.v1
    assert capsys.readouterr().err == ("values: [1 2 3...][3][[1 2 3...]...][3][1][hi]\n[1 2...]\n"
                                       "first: [1.5]\nfirst: [1.5]\n")


def test_print_writes_numbers_as_tf1s_strcat(capsys):
    c = tf.constant
    values = [c(1 / 3), c(1 / 3, tf.float64), c([np.nan, np.inf, -np.inf, -0.0]), c([True, False]), c(0.1),
              c(1e-5), c(123456789.0), c(2**40, tf.int64), c(np.float32(1e20))]
    with tf.Session() as sess:
        sess.run(tf.Print(c(0.0), values, "m:"))
        sess.run(tf.Print(c(0.0), [c(np.arange(7.0))], summarize=-1))
        sess.run(tf.Print(c(0.0), [c(np.arange(7.0))], summarize=0))
        sess.run(tf.Print(c(0.0), [], "empty"))
    # TF 2.21 compat.v1
    assert capsys.readouterr().err == (
        "m:[0.333333343][0.33333333333333331][nan inf -inf...][1 0][0.1][1e-05][123456792][1099511627776][1e+20]\n"
        "[0 1 2 3 4 5 6]\n[...]\nempty\n")


def test_a_print_prints_where_tf1s_training_step_computes_it(capsys):
    X, Y, W, loss, feed = regression()
    shown = tf.Print(loss, [loss], "loss = ")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(shown)
    prediction = tf.Print(tf.matmul(X, W), [tf.matmul(X, W)], "pred = ")
    train2 = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(tf.square(prediction - Y)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, feed)  # TF1 computes the gradients, not the loss's own value: no print
        assert capsys.readouterr().err == ""
        sess.run([train, shown], feed)  # fetched: printed
        sess.run(train2, feed)  # the gradient of the square reads the prediction: printed
        sess.run(tf.reduce_mean(tf.square(prediction - Y)), feed)
    # TF 2.21 compat.v1: the lines and their format exactly; the predictions' digits within 4 float32 ulps, as
    # OpenBLAS's AVX2 and AVX-512 kernels round a product's sum differently (0.419999897 against TF1's 0.419999957)
    printed = capsys.readouterr().err
    assert re.sub(r"\d\.\d+", "#", printed) == "loss = [#]\npred = [[#][#][#]]\npred = [[#][#][#]]\n"
    numbers = [float(text) for text in re.findall(r"\d\.\d+", printed)]
    assert numbers[0] == np.float32(1.43383086)
    expected = np.float32([0.734027803, 0.419999957, 0.239722222, 0.970713, 0.275083274, 0.296995372])
    assert np.all(np.abs(np.float32(numbers[1:]) - expected) <= 4 * np.spacing(expected))


def test_tf_print_is_an_operation_that_prints_when_run_or_as_a_control_input(capsys):
    x = tf.placeholder(tf.float32, [None])
    v = tf.Variable(3.0)
    w = tf.constant([[1.0, 2.0, 3.0, 4.0], [5, 6, 7, 8]])
    operation = tf.print("loss", x, v, w, tf.constant([1.5, 2.25]))
    assert repr(operation) == "<tf.Operation 'PrintV2' type=PrintV2>"  # TF 2.21 compat.v1
    with tf.control_dependencies([tf.print("value", x, summarize=1)]):
        doubled = x * 2
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(operation, {x: [1, 2]}) is None
        sess.run(tf.print(w, summarize=1))
        sess.run(tf.print(tf.constant(2.5), tf.constant(np.arange(10.0))))
        sess.run(tf.print(tf.constant(np.arange(12.0).reshape(4, 3))))
        sess.run(tf.print("a", "b", sep=",", end="!\n"))
        sess.run(tf.print(tf.constant(1e-7), tf.constant(123456.0), tf.constant([0.1, 1e10]),
                          tf.constant(np.float64(1.0) / 3), tf.constant(True), 3, 2.5, [1, 2]))
        assert sess.run(doubled, {x: [1, 2, 3]}).tolist() == [2, 4, 6]
    # TF 2.21 compat.v1
    assert capsys.readouterr().err == (
        "loss [1 2] 3 [[1 2 3 4]\n [5 6 7 8]] [1.5 2.25]\n[[1 ... 4]\n [5 ... 8]]\n2.5 [0 1 2 ... 7 8 9]\n"
        "[[0 1 2]\n [3 4 5]\n [6 7 8]\n [9 10 11]]\na,b!\n1e-07 123456 [0.1 1e+10] 0.33333333333333331 1 3 2.5 [1, 2]\n"
        "value [1 ... 3]\n")


def test_tf_print_refuses_a_stream_it_cannot_write():
    with pytest.raises(UnsupportedOperationError, match="sys.stderr"):
        tf.print("x", output_stream="file:///tmp/log.txt")


@pytest.mark.filterwarnings("ignore:divide by zero encountered in log")  # log(0): the value checked
def test_check_numerics_raises_tf1s_error_before_the_update():
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    checked = tf.check_numerics(tf.log(x) * w, "x is bad")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(checked))
    assert str(tf.check_numerics(x, "m")) == 'Tensor("CheckNumerics_1:0", shape=(?,), dtype=float32)'  # TF 2.21
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(checked, {x: [1.0, 2.0]}), [0.0, 0.6931472], rtol=1e-6)
        for values, found in (([1.0, np.nan], "NaN"), ([np.inf, 1.0], "Inf"), ([np.nan, np.inf], "Inf and NaN")):
            with pytest.raises(tf.errors.InvalidArgumentError, match=f"x is bad : Tensor had {found} values"):
                sess.run(checked, {x: values})  # TF 2.21 compat.v1's message
        with pytest.raises(tf.errors.InvalidArgumentError, match="Tensor had Inf values"):
            sess.run(train, {x: [0.0, 1.0]})  # log(0) = -inf: refused before the update
        assert sess.run(w) == 1.0
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.check_numerics(tf.constant([1, 2]), "ints")


@pytest.mark.filterwarnings("ignore:divide by zero encountered in log")
def test_a_check_or_print_of_the_loss_itself_is_not_run_by_a_training_step_as_in_tf1(capsys):
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(
        tf.check_numerics(tf.reduce_sum(tf.log(x) * w), "root bad"))
    train2 = tf.train.GradientDescentOptimizer(0.1).minimize(
        tf.identity(tf.Print(tf.reduce_sum(tf.log(x + 1.0) * w), [w], "root print")))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {x: [0.0, 1.0]})
        assert sess.run(w) == np.inf  # TF 2.21 compat.v1: no error, the step took the infinite gradient
        sess.run(tf.global_variables_initializer())
        sess.run(train2, {x: [0.0, 1.0]})
        np.testing.assert_allclose(sess.run(w), 0.9306853, rtol=1e-6)  # TF 2.21 compat.v1
    assert capsys.readouterr().err == ""  # TF 2.21 compat.v1: nothing printed


def test_a_group_whose_member_is_also_a_control_input_runs_it_once():
    X, Y, W, loss, feed = regression()
    counter = tf.Variable(0)
    step = tf.assign_add(counter, 1)
    with tf.control_dependencies([step]):
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.control_dependencies([train]):
        train_loss = tf.identity(loss)
    both = tf.group(train, step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run(train_loss, feed) for _ in range(3)]
        sess.run(both, feed)
        assert sess.run(counter) == 4  # TF 2.21 compat.v1: the step ran once in the group's run
        np.testing.assert_allclose(losses, [2.5260417, 1.4338309, 1.1152396], rtol=1e-6)  # TF 2.21 compat.v1
        np.testing.assert_allclose(sess.run(W).ravel(), [0.22097114, 0.45573288], rtol=1e-6)  # TF 2.21 compat.v1


def test_variables_made_inside_a_block_take_no_control_inputs():
    counter = tf.Variable(0)
    update = tf.assign_add(counter, 1)
    with tf.control_dependencies([update]):
        v = tf.Variable(5.0)
        g = tf.get_variable("g", [], initializer=tf.zeros_initializer())
        doubled = v * 2.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(x) for x in (counter, v, counter, g, counter, doubled, counter)]
    assert values == [0, 5.0, 0, 0.0, 0, 10.0, 1]  # TF 2.21 compat.v1
