"""probe32 P32-5, P32-6, P32-7: the arguments of ``minimize`` / ``compute_gradients`` / ``apply_gradients`` /
``tf.gradients`` read as TF 2.21's ``tf.compat.v1`` reads them.

* P32-5: ``var_list`` is flattened (``nest.flatten``): one variable, a dict (its values by sorted key) or nested lists
  train (symopt iterated a variable's rows, a dict's keys: wrong messages, a bare ``AttributeError``).
* P32-6: a placeholder or computed tensor in ``var_list`` (or pairs written ``(variable, gradient)``) is TF1's
  ``NotImplementedError`` when the step is built (symopt built it, then asked at run time to initialize a
  placeholder); one pair given alone, ``apply_gradients(gvs[0])``, is refused when built.
* P32-7: a loss or variable kept from before ``tf.reset_default_graph()`` is TF1's "must be from the same graph"
  ``ValueError`` (symopt: "No gradients provided ..." or a silent ``[None]``)."""

import re

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.optimizer_arguments import NotAVariableError, OperatorNotAllowedInGraphError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _model():
    X = tf.placeholder(tf.float32, [None, 2], name="X")
    W = tf.Variable([[1.0], [-2.0]], name="W")
    b = tf.Variable([0.5], name="b")
    h = tf.matmul(X, W)
    return X, W, b, h, tf.reduce_mean(h + b)


def _trained(var_list, optimizer=tf.train.GradientDescentOptimizer, scaled=False):
    X, W, b, h, loss = _model()
    c = tf.Variable(3.0, name="c")
    step = optimizer(0.1).minimize(loss * c if scaled else loss, var_list=var_list(W, b, c))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step, {X: [[1., 1.]]})
        return [value.tolist() for value in sess.run([W, b, c])]


@pytest.mark.parametrize("var_list, expected", [  # TF 2.21
    (lambda W, b, c: W, [[[0.8999999761581421], [-2.0999999046325684]], [0.5], 3.0]),
    (lambda W, b, c: {"w": W, "b": b}, [[[0.8999999761581421], [-2.0999999046325684]], [0.4000000059604645], 3.0]),
    (lambda W, b, c: [[W], (b,)], [[[0.8999999761581421], [-2.0999999046325684]], [0.4000000059604645], 3.0]),
    (lambda W, b, c: {"w": W, "b": b}.values(),  # final36 F36-2: refused as holding no variables
     [[[0.8999999761581421], [-2.0999999046325684]], [0.4000000059604645], 3.0]),
])
def test_var_list_is_flattened_as_tf1(var_list, expected):
    assert _trained(var_list) == expected


def test_a_scalar_variable_alone_and_a_dict_with_adam_train_as_tf1():
    assert _trained(lambda W, b, c: c, scaled=True) == [[[1.0], [-2.0]], [0.5], 3.049999952316284]  # TF 2.21
    assert _trained(lambda W, b, c: {"z": W, "a": b}, tf.train.AdamOptimizer) == [  # TF 2.21
        [[0.9000000357627869], [-2.0999999046325684]], [0.40000003576278687], 3.0]


@pytest.mark.parametrize("pick, shown", [(lambda X, W, h: [X], "'X:0' shape=(?, 2)"),
                                         (lambda X, W, h: [h], "'MatMul:0' shape=(?, 1)"),
                                         (lambda X, W, h: [W, X], "'X:0' shape=(?, 2)"),
                                         (lambda X, W, h: [W.value()], "'W/read:0' shape=(2, 1)")])
def test_a_tensor_in_var_list_is_tf1s_error_when_built(pick, shown):
    X, W, b, h, loss = _model()
    with pytest.raises(NotImplementedError, match=re.escape(f"('Trying to update a Tensor ', <tf.Tensor {shown}")):
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=pick(X, W, h))
    assert tf.get_collection("train_op") == []


def test_compute_gradients_of_tensors_still_gives_their_gradients():
    X, W, b, h, loss = _model()
    pairs = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, var_list=[X, h])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(g, {X: [[1., 1.], [2., 0.]]}).tolist() for g, _ in pairs]
    assert values == [[[0.5, -1.0], [0.5, -1.0]], [[0.5], [0.5]]]  # TF 2.21


@pytest.mark.parametrize("entry", ["W", 3.0, None])
def test_a_var_list_entry_that_is_no_tensor_is_a_typed_error(entry):
    X, W, b, h, loss = _model()
    with pytest.raises(NotAVariableError, match=r"Trying to optimize unsupported type .*only variables can be "
                                                r"trained"):
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[W, entry])


def test_swapped_pairs_and_a_pair_alone_are_refused_when_built():
    X, W, b, h, loss = _model()
    opt = tf.train.GradientDescentOptimizer(0.1)
    gvs = opt.compute_gradients(loss)
    with pytest.raises(NotAVariableError, match=r"\('Trying to update a Tensor ', <tf.Tensor 'gradients/W_grad"):
        opt.apply_gradients([(v, g) for g, v in gvs])
    with pytest.raises(OperatorNotAllowedInGraphError, match=r"opt.apply_gradients\(\[\(gradient, variable\)\]\)"):
        opt.apply_gradients(gvs[0])
    with pytest.raises(ValueError, match="No variables provided."):
        opt.apply_gradients([])
    assert tf.get_collection("train_op") == []


def test_a_loss_or_variable_from_before_reset_default_graph_is_tf1s_error():
    W_old = tf.Variable([[1.0], [2.0]], name="W")
    X_old = tf.placeholder(tf.float32, [None, 2])
    loss_old = tf.reduce_mean(tf.matmul(X_old, W_old))
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0], [2.0]], name="W")
    loss = tf.reduce_mean(tf.matmul(X, W))
    message = (r'Tensor\("W:0", shape=\(2, 1\), dtype=float32_ref\) must be from the same graph as '  # TF 2.21
               r'Tensor\("Mean:0", shape=\(\), dtype=float32\)')
    for build in (lambda: tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[W_old]),
                  lambda: tf.train.GradientDescentOptimizer(0.1).minimize(loss_old),
                  lambda: tf.gradients(loss, [W_old])):
        with pytest.raises(ValueError, match=message):
            build()
    assert tf.get_collection("train_op") == []


@pytest.mark.parametrize("var_list", [lambda W, b: {W, b}, lambda W, b: (v for v in (W, b)),
                                      lambda W, b: map(tf.identity, [W])])
def test_an_unordered_or_one_shot_var_list_is_refused_naming_list(var_list):
    X, W, b, h, loss = _model()  # TF 2.21: AttributeError: 'set' object has no attribute 'op'
    with pytest.raises(NotAVariableError, match=r"pass a list, var_list=list\(\.\.\.\)"):
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=var_list(W, b))
