"""TF1 names added or made typed after the f-probe report (findings F1, F13, F15, F16, F25).

Expected values are TensorFlow's (``tensorflow.compat.v1``), copied here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import UnsupportedNameError
from symopt.errors import SymoptError, UnsupportedOperationError


@pytest.fixture
def session():
    tf.reset_default_graph()
    with tf.Session() as sess:
        yield sess


def test_percent_is_floormod(session):
    a, b = tf.constant(2), tf.constant(3)
    assert str(a % b) == 'Tensor("mod:0", shape=(), dtype=int32)'
    assert session.run(a % b) == 2
    assert session.run(tf.constant(-7) % 3) == 2 and session.run(7 % tf.constant(-3)) == -2
    assert session.run(tf.constant(-7.5) % 2.0) == np.float32(0.5)
    np.testing.assert_array_equal(session.run(tf.constant([5.0, -5.0]) % tf.constant([3.0, 3.0])), [2.0, 1.0])


@pytest.mark.parametrize("module, name", [("nn", "crelu"), ("nn", "nce_loss"), ("nn", "ctc_loss"), ("nn", "sampled_softmax_loss"),
                                          ("errors", "raise_exception_on_not_ok_status"), ("losses", "get_regularization_penalty"), ("math", "bessel_i0"),
                                          ("random", "categorical"), ("layers", "conv2d"), ("summary", "image")])
def test_missing_names_in_submodules_are_typed(module, name):
    with pytest.raises(UnsupportedNameError, match=f"tf.{module}.{name} is not supported yet"):
        getattr(getattr(tf, module), name)
    assert not hasattr(getattr(tf, module), name)  # still an AttributeError for hasattr


def test_hessians_refusal_is_a_symopt_error():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 2])  # a rank-4 Hessian
    with pytest.raises(UnsupportedOperationError, match="double backprop"):
        tf.hessians(tf.reduce_sum(x ** 3), x)


def test_error_classes_for_except_clauses():
    for name in ("NotFoundError", "OutOfRangeError", "InvalidArgumentError", "FailedPreconditionError"):
        cls = getattr(tf.errors, name)
        assert issubclass(cls, tf.errors.OpError) and issubclass(cls, SymoptError)


def test_range_eye_expand_dims_squeeze(session):
    cases = [
        (tf.range(5), "range:0", np.int32([0, 1, 2, 3, 4])),
        (tf.range(1.0, 2.0, 0.25), "range_1:0", np.float32([1., 1.25, 1.5, 1.75])),
        (tf.range(2, 11, 3), "range_2:0", np.int32([2, 5, 8])),
        (tf.eye(3), "eye/diag:0", np.eye(3, dtype=np.float32)),
        (tf.eye(2, 3), "eye_1/set_diag:0", np.eye(2, 3, dtype=np.float32)),
        (tf.eye(2, dtype=tf.int32), "eye_2/diag:0", np.eye(2, dtype=np.int32)),
        (tf.expand_dims(tf.constant([1., 2.]), 0), "ExpandDims:0", np.float32([[1., 2.]])),
        (tf.expand_dims(tf.constant([1., 2.]), 1), "ExpandDims_1:0", np.float32([[1.], [2.]])),
        (tf.expand_dims(tf.constant(3.), 0), "ExpandDims_2:0", np.float32([3.])),
        (tf.squeeze(tf.constant([[1., 2.]])), "Squeeze:0", np.float32([1., 2.])),
        (tf.squeeze(tf.constant([[1.], [2.]])), "Squeeze_1:0", np.float32([1., 2.])),
        (tf.squeeze(tf.constant([[1.], [2.]]), axis=1), "Squeeze_2:0", np.float32([1., 2.])),
    ]
    for tensor, name, expected in cases:
        value = session.run(tensor)
        assert tensor.name == name and tuple(tensor.shape) == expected.shape
        assert value.dtype == expected.dtype
        np.testing.assert_array_equal(value, expected)


def test_relu6_values_and_gradient(session):
    x = tf.placeholder(tf.float32, [None])
    y = tf.nn.relu6(x)
    (grad,) = tf.gradients(tf.reduce_sum(y), [x])
    value, gradient = session.run([y, grad], {x: [-1., 0., 3., 6., 7.]})
    np.testing.assert_array_equal(value, np.float32([0., 0., 3., 6., 6.]))
    np.testing.assert_array_equal(gradient, np.float32([0., 0., 1., 0., 0.]))  # TF1: 0 at 0 and at 6


def test_clip_by_norm(session):
    m = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    clipped = tf.clip_by_norm(m, 5.0)
    assert str(clipped) == 'Tensor("clip_by_norm:0", shape=(2, 3), dtype=float32)'
    np.testing.assert_allclose(session.run(clipped), [[0.5241424, 1.0482848, 1.5724272],
                                                      [2.0965695, 2.620712, 3.1448543]], rtol=1.2e-7)
    np.testing.assert_array_equal(session.run(tf.clip_by_norm(m, 50.0)), [[1., 2., 3.], [4., 5., 6.]])
    np.testing.assert_allclose(session.run(tf.clip_by_norm(m, 5.0, axes=[1])),
                               [[1., 2., 3.], [2.2792115, 2.8490145, 3.4188173]], rtol=1.2e-7)
    x = tf.placeholder(tf.float32, [None])
    (grad,) = tf.gradients(tf.reduce_sum(tf.clip_by_norm(x, 5.0)), [x])
    np.testing.assert_allclose(session.run(grad, {x: [3., 4., 12.]}), [0.25489303, 0.21165225, -0.13427404],
                               rtol=1e-6)


def test_mean_squared_error(session):
    loss = tf.losses.mean_squared_error(tf.constant([1., 2., 3.]), tf.constant([1.5, 2., 2.]))
    assert str(loss) == 'Tensor("mean_squared_error/value:0", shape=(), dtype=float32)'
    assert session.run(loss) == pytest.approx(0.41666666, rel=1.2e-7)  # TF divides; symopt multiplies by 1/3
    other = tf.losses.mean_squared_error(labels=tf.constant([[1., 2.], [3., 4.]]),
                                         predictions=tf.constant([[0., 2.], [3., 5.5]]))
    assert other.name == "mean_squared_error_1/value:0" and session.run(other) == np.float32(0.8125)
    # weights are supported now (tests/test_compat_n_losses.py): TF1 gives (2 - 1)^2 * 2 / 1 = 2.0
    assert session.run(tf.losses.mean_squared_error(tf.constant([1.]), tf.constant([2.]), weights=2.0)) == 2.0


def test_placeholder_with_default(session):
    p = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[2])
    assert str(p) == 'Tensor("PlaceholderWithDefault:0", shape=(2,), dtype=float32)'
    np.testing.assert_array_equal(session.run(p * 2), [2., 4.])
    np.testing.assert_array_equal(session.run(p * 2, {p: [5., 6.]}), [10., 12.])
    with pytest.raises(UnsupportedOperationError):
        tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[None])


def test_group_and_no_op(session):
    v = tf.Variable(1.0)
    session.run(tf.global_variables_initializer())
    both = tf.group(tf.assign_add(v, 1.0), tf.assign_add(v, 2.0))
    assert repr(both) == "<tf.Operation 'group_deps' type=NoOp>" and repr(tf.no_op()) == "<tf.Operation 'NoOp' type=NoOp>"
    assert session.run(both) is None and session.run(v) == 4.0
    assert session.run(tf.no_op()) is None


def test_math_and_random_aliases(session):
    assert tf.math.log is tf.log and tf.math.reduce_sum is tf.reduce_sum and tf.random.normal is tf.random_normal
    assert session.run(tf.math.sqrt(tf.constant(4.0))) == 2.0


def test_assign_is_a_tensor_for_arithmetic_and_printing(session):
    v = tf.Variable(1.0)
    z = tf.assign(v, 10.0)
    assert str(z) == 'Tensor("Assign:0", shape=(), dtype=float32_ref)'
    pair = tf.Variable([1.0, 2.0], name="v1")
    doubled = pair.assign(pair + 1) * 2
    assert str(doubled) == 'Tensor("mul:0", shape=(2,), dtype=float32)'
    session.run(tf.global_variables_initializer())
    assert session.run(z + 1) == np.float32(11.0) and session.run(v) == 10.0  # the assignment ran first
    np.testing.assert_array_equal(session.run(doubled), [4.0, 6.0])
    np.testing.assert_array_equal(session.run(pair), [2.0, 3.0])
    total = tf.assign_add(v, 5.0)
    assert str(total) == 'Tensor("AssignAdd:0", shape=(), dtype=float32_ref)'
    assert session.run(-(total * 1) / 2) == np.float32(-7.5) and session.run(v) == 15.0
    counter = tf.Variable(0)
    session.run(counter.initializer)
    assert session.run(tf.assign_add(counter, 1) + 0) == 1 and session.run(counter) == 1
