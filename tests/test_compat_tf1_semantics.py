"""TF1 semantics of symopt.compat.v1 against goldens from real TF1 (tests/data/tf1_semantics.json) and TF1's
documented behaviour: integer division, dtype inference, feeding any tensor, shape-less placeholders,
printing, the names TF1 programs use, and clear errors for the ones symopt lacks."""

import importlib.util
import json
import math
import pathlib
import warnings

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1 import summary as summary_module
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph, run  # noqa: F401 - fresh_graph: an autouse fixture

GOLDEN = json.loads((pathlib.Path(__file__).parent / "data" / "tf1_semantics.json").read_text())


# ---------------------------------------------------------------- wrong numbers first: division and dtypes

def test_integer_division_matches_tf1():
    x = tf.constant(np.array([[1, 2], [3, 4]], dtype=np.int32))
    assert str(run(x / 2)) == GOLDEN["int32 x / 2"]
    assert str(run(tf.divide(x, 2))) == GOLDEN["tf.divide(int32, 2)"]
    assert str(run(tf.div(x, 2))) == GOLDEN["tf.div(int32, 2)"]
    assert str(run(tf.floordiv(-7, 2))) == GOLDEN["tf.floordiv(-7, 2)"]
    assert str(run(tf.truncatediv(-7, 2))) == GOLDEN["tf.truncatediv(-7, 2)"]
    assert (x / 2).dtype == tf.float64 and tf.div(x, 2).dtype == tf.int32
    assert run(tf.constant(5) / tf.constant(2)) == 2.5
    assert run(tf.div(7.0, 2.0)) == 3.5 and run(tf.realdiv(7.0, 2.0)) == 3.5 and run(tf.truediv(7, 2)) == 3.5
    assert run(tf.floor_div(7, -2)) == -4 and run(tf.floormod(-7, 2)) == 1 and run(x // 3).tolist() == [[0, 0],
                                                                                                    [1, 1]]
    np.testing.assert_array_equal(run(tf.truncatediv(tf.constant([-7, 7, -6]), 2)), [-3, 3, -3])


def test_dtype_inference_matches_tf1():
    assert tf.constant(2).dtype.name == GOLDEN["dtype constant(2)"]
    assert tf.constant(2.0).dtype.name == GOLDEN["dtype constant(2.0)"]
    assert tf.constant(np.random.randn(3, 1)).dtype.name == GOLDEN["dtype constant(np.float64 array)"]
    assert tf.placeholder("float").dtype.name == GOLDEN["dtype placeholder('float')"]
    assert tf.Variable(np.zeros(3)).dtype == tf.float64 and tf.Variable(0.5).dtype == tf.float32
    assert tf.Variable(0).dtype == tf.int32 and tf.constant([1, 2]).dtype == tf.int32


@pytest.mark.parametrize("name, expected", [
    ("float", "float32"), ("double", "float64"), ("half", "float16"), ("float16", "float16"), ("int8", "int8"),
    ("int16", "int16"), ("int32", "int32"), ("int64", "int64"), ("uint8", "uint8"), ("bool", "bool"),
    ("string", "string"), (np.float64, "float64"), (np.int32, "int32"), (float, "float32"), (bool, "bool")])
def test_every_dtype_name_tf_as_dtype_accepts(name, expected):
    assert tf.as_dtype(name).name == expected
    assert getattr(tf, expected).name == expected


def test_float64_constants_keep_every_digit():
    x = tf.constant(np.array([1.0, 2.0]))
    np.testing.assert_array_equal(run(tf.constant(np.pi, tf.float64) * x), np.pi * np.array([1.0, 2.0]))


def test_python_float_on_the_left_keeps_float64():
    x = tf.Variable(np.float64(2.0))
    for tensor in (2.0 * x, x * 2.0, 2.0 - x, 2.0 / x, 1 + x):
        assert tensor.dtype == tf.float64
    assert run(2.0 * x).dtype == np.float64


def test_mixing_dtypes_raises_typeerror_as_tf1():
    x = tf.Variable(np.float64(2.0))
    with pytest.raises(TypeError, match="float64 that does not match type float32"):
        tf.constant(1.0) - x
    with pytest.raises(TypeError, match="Expected int32, got 2.5"):
        tf.constant(5) * 2.5


# ---------------------------------------------------------------- feeding

def test_feeding_a_computed_tensor_replaces_its_value():
    a = tf.add(2, 5)
    b = tf.multiply(a, 3)
    with tf.Session() as sess:
        assert sess.run(b) == 21
        assert sess.run(b, {a: 15}) == 45
        assert sess.run(b) == 21


def test_feeding_an_intermediate_of_a_network():
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable([[1.0], [2.0]])
    hidden = tf.matmul(x, w)
    out = tf.nn.relu(hidden) * 2
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(out, {hidden: [[-1.0], [3.0]]}), [[0.0], [6.0]])
        np.testing.assert_array_equal(sess.run(out, {x: [[1.0, 1.0]]}), [[6.0]])


def test_shapeless_placeholder_takes_any_fed_shape_cached_per_signature():
    x = tf.placeholder(tf.float32)
    y = x * 2 + 1
    assert str(x) == 'Tensor("Placeholder:0", dtype=float32)' and y.get_shape().ndims is None
    with tf.Session() as sess:
        assert sess.run(y, {x: 3.0}) == 7.0
        np.testing.assert_array_equal(sess.run(y, {x: [1, 2, 3]}), [3, 5, 7])
        np.testing.assert_array_equal(sess.run(y, {x: [[1, 2], [3, 4]]}), [[3, 5], [7, 9]])
        for _ in range(3):
            sess.run(y, {x: [1, 2, 3]})
        assert len(tf.get_default_graph().specialized) == 3  # one program per fed (shape, dtype) signature
        with pytest.raises(tf.errors.InvalidArgumentError, match="must feed a value for placeholder tensor "
                                                                 "'Placeholder' with dtype float"):
            sess.run(y)


def test_shapeless_placeholder_trains_with_tf1_shapes():
    w = tf.Variable([.3], dtype=tf.float32)
    b = tf.Variable([-.3], dtype=tf.float32)
    x = tf.placeholder(tf.float32)
    y = tf.placeholder(tf.float32)
    loss = tf.reduce_sum(tf.square(w * x + b - y))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(1000):
            sess.run(train, {x: [1, 2, 3, 4], y: [0, -1, -2, -3]})
        w_value, b_value = sess.run([w, b])
    assert w_value.shape == (1,) and str(w_value) == "[-0.9999969]" and str(b_value) == "[0.9999908]"


def test_partial_shapes_and_rank_one_results():
    x = tf.placeholder(tf.float32, [None])
    images = tf.placeholder(tf.float32, [None, 784])
    assert str(x.shape) == "(?,)" and str(images) == 'Tensor("Placeholder_1:0", shape=(?, 784), dtype=float32)'
    assert images.get_shape().as_list() == [None, 784] and images.shape[1].value == 784
    total = tf.reduce_sum(images, axis=1)
    assert str(total.shape) == "(?,)"
    assert run(total, {images: np.ones((3, 784))}).shape == (3,)
    assert run(x * 2, {x: [1, 2]}).tolist() == [2.0, 4.0]


# ---------------------------------------------------------------- printing

def test_printing_matches_tf1_goldens():
    for _ in range(9):
        tf.constant(0.0)
    assert repr(tf.constant(3.0)) == GOLDEN["repr constant(3.0)"]
    assert f"{tf.constant(1.0)} {tf.constant(2.0)}" == GOLDEN["str two constants"]


def test_op_names_are_unique_per_graph_and_scoped():
    a, b = tf.constant(1.0), tf.constant(2.0)
    assert [str(t.name) for t in (a * b, a * b, tf.multiply(a, b), a + b, a / b, -a)] == \
        ["mul:0", "mul_1:0", "Mul_2:0", "add:0", "truediv:0", "Neg:0"]  # counted without case, as TF1
    with tf.name_scope("layer"):
        assert tf.matmul([[1.0]], [[2.0]]).name == "layer/MatMul:0"
    with tf.name_scope("layer"):
        assert tf.constant(1.0).name == "layer_1/Const:0"
    w = tf.Variable(np.zeros((25, 12288), np.float32), name="W1")
    assert repr(w) == str(w) == "<tf.Variable 'W1:0' shape=(25, 12288) dtype=float32_ref>"


def test_confidently_right_cross_entropy_is_positive_zero():
    logits, labels = tf.constant([[100.0, 0.0, 0.0]]), tf.constant([[1.0, 0.0, 0.0]])
    value = run(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    assert value.tolist() == [0.0] and not np.signbit(value).any()


# ---------------------------------------------------------------- names TF1 programs use

def test_strings_and_small_dtypes():
    assert run(tf.constant("Hello")) == b"Hello"
    assert run(tf.constant(3, dtype=tf.int8)).dtype == np.int8
    a, b = tf.placeholder(tf.int16), tf.placeholder(tf.uint8)
    assert run(a * 3, {a: 2}) == 6 and run(b + 1, {b: 4}).dtype == np.uint8


def test_variable_methods_and_assign_functions():
    v = tf.Variable([1.0, 2.0], name="v")
    w = tf.Variable(v.initialized_value() * 2)
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(w.initializer)
        np.testing.assert_array_equal(sess.run(w), [2.0, 4.0])
        np.testing.assert_array_equal(sess.run(v.assign(v * 3)), [3.0, 6.0])
        np.testing.assert_array_equal(sess.run(tf.assign_add(v, [1.0, 1.0])), [4.0, 7.0])
        np.testing.assert_array_equal(sess.run(v.assign_sub(tf.constant([4.0, 7.0]))), [0.0, 0.0])
        v.load([5.0, 6.0], sess)
        np.testing.assert_array_equal(sess.run(v), [5.0, 6.0])
        np.testing.assert_array_equal(sess.run(tf.assign(v, [7.0, 8.0])), [7.0, 8.0])
    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])


def test_math_and_array_names():
    x = tf.constant([[1.0, 5.0], [3.0, 2.0]])
    assert run(tf.arg_max(x, 1)).tolist() == [1, 0] and run(tf.arg_min(x, 0)).tolist() == [0, 1]
    assert run(tf.to_int32(tf.constant([1.7, -1.7]))).tolist() == [1, -1]
    assert run(tf.to_float(tf.constant(3))) == 3.0
    assert run(tf.squared_difference(x, 1.0)).tolist() == [[0.0, 16.0], [4.0, 1.0]]
    assert run(tf.zeros_like(x)).tolist() == [[0, 0], [0, 0]] and run(tf.ones_like(x)).dtype == np.float32
    assert tf.convert_to_tensor(x) is x and run(tf.convert_to_tensor([1.0, 2.0])).tolist() == [1.0, 2.0]
    assert run(tf.one_hot([0, 2], tf.constant(3))).tolist() == [[1, 0, 0], [0, 0, 1]]
    a, b = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32), np.array([[5.0, 6.0], [7.0, 8.0]], np.float32)
    np.testing.assert_allclose(run(tf.tensordot(a, b, axes=1)), a @ b)
    np.testing.assert_allclose(run(tf.tensordot(a, b, axes=[[0], [0]])), a.T @ b)
    np.testing.assert_allclose(run(tf.tensordot(a, b, axes=2)), (a * b).sum())
    np.testing.assert_allclose(run(tf.tensordot(a[0], b[0], axes=0)), np.outer(a[0], b[0]))


#: NumPy references for the one-to-one functions NumPy names differently (the rest: ``getattr(np, name)``).
NUMPY_NAMES = {
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "relu": lambda v: np.maximum(v, 0), "reciprocal": lambda v: 1 / v,
    "rsqrt": lambda v: 1 / np.sqrt(v), "softplus": lambda v: np.logaddexp(0, v), "ceil": np.ceil,
    "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "asinh": np.arcsinh, "acosh": np.arccosh,
    "atanh": np.arctanh, "erf": np.vectorize(math.erf), "erfc": np.vectorize(math.erfc),
}


@pytest.mark.parametrize("name", sorted(tf.math_ops.UNARY_FUNCTIONS))
def test_one_to_one_math_functions_match_numpy(name):
    values = np.array([0.3, 0.6, 0.9]) + (1 if name == "acosh" else 0)
    expected = NUMPY_NAMES.get(name) or getattr(np, name)
    np.testing.assert_allclose(run(getattr(tf, name)(tf.constant(values))), expected(values), rtol=1e-12)


def test_leaky_relu_alpha_is_float32_rounded_and_may_be_a_variable():
    x = tf.constant(np.array([-2.0, 3.0]))
    np.testing.assert_array_equal(run(tf.nn.leaky_relu(x, 0.1)), [-2.0 * float(np.float32(0.1)), 3.0])
    alpha = tf.Variable(np.float64(0.25))
    out = tf.nn.leaky_relu(x, alpha)
    (gradient,) = tf.gradients(tf.reduce_sum(out), [alpha])
    assert run([out, gradient])[0].tolist() == [-0.5, 3.0] and run(gradient) == -2.0


def test_graph_as_default_and_graph_def():
    graph = tf.Graph()
    with graph.as_default():
        c = tf.constant(1.0, name="c")
        d = c * 2
        assert tf.get_default_graph() is graph
    assert tf.get_default_graph() is not graph and c.graph is graph
    with tf.Session(graph=graph) as sess:
        assert sess.run(d) == 2.0
    nodes = graph.as_graph_def().node
    assert [(n.name, n.input) for n in nodes] == [("c", []), ("mul/y", []), ("mul", ["c", "mul/y"])]  # TF 2.21


def test_dropout_keeps_scales_and_redraws():
    x = tf.placeholder(tf.float32, [None, 1000])
    keep = tf.placeholder(tf.float32)
    dropped = tf.nn.dropout(x, keep)
    assert str(dropped.shape) == "(?, 1000)"
    ones = np.ones((2, 1000), np.float32)
    with tf.Session() as sess:
        first, second = sess.run(dropped, {x: ones, keep: 0.5}), sess.run(dropped, {x: ones, keep: 0.5})
        assert set(np.unique(first)) == {0.0, 2.0} and not np.array_equal(first, second)
        assert 0.4 < (first == 2.0).mean() < 0.6
        np.testing.assert_array_equal(sess.run(dropped, {x: ones, keep: 1.0}), ones)


def test_layers_dense_reuse_and_fully_connected():
    x = tf.placeholder(tf.float32, [None, 4])
    out = tf.layers.dense(x, 3, activation=tf.nn.relu, name="d")
    again = tf.layers.dense(x, 3, activation=tf.nn.relu, name="d", reuse=True)
    fc = tf.contrib.layers.fully_connected(x, 2)
    assert [v.name for v in tf.trainable_variables()] == ["d/kernel:0", "d/bias:0", "fully_connected/weights:0",
                                                         "fully_connected/biases:0"]
    data = np.arange(8, dtype=np.float32).reshape(2, 4)
    a, b, c = run([out, again, fc], {x: data})
    np.testing.assert_array_equal(a, b)
    assert c.shape == (2, 2) and tf.layers.flatten(x).name == "flatten/Reshape:0"  # TF 2.21: a new Reshape op


def test_train_helpers_global_step_and_coordinator():
    step = tf.train.get_or_create_global_step()
    assert tf.train.get_global_step() is step and step.dtype == tf.int64
    w = tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(w * w, global_step=step)
    coord = tf.train.Coordinator()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        while not coord.should_stop():
            sess.run(train)
            if sess.run(step) == 3:
                coord.request_stop()
        coord.join(threads)
        assert sess.run(step) == 3 and threads == []


def test_app_flags_parse_tf1_syntax():
    flags = tf.app.flags
    tf.app.FLAGS.reset()
    flags.DEFINE_integer("epochs", 5, "")
    flags.DEFINE_float("lr", 0.1, "")
    flags.DEFINE_boolean("fast", False, "")
    flags.DEFINE_string("name", "x", "")
    rest = tf.app.FLAGS(["prog", "--epochs=7", "--lr", "0.5", "--fast", "extra", "--name=y"])
    assert (tf.flags.FLAGS.epochs, tf.flags.FLAGS.lr, tf.flags.FLAGS.fast, tf.flags.FLAGS.name) == (7, 0.5, True, "y")
    assert rest == ["prog", "extra"]
    tf.app.FLAGS.reset()


# ---------------------------------------------------------------- unsupported names say so

@pytest.mark.parametrize("path", ["tf.foo_bar", "tf.train.foo_schedule", "tf.contrib.slim", "tf.summary.image",
                                  "tf.layers.conv2d"])
def test_unsupported_names_raise_an_error_naming_the_call(path):
    module, name = path.rsplit(".", 1)
    owner = {"tf": tf, "tf.train": tf.train, "tf.contrib": tf.contrib, "tf.summary": tf.summary,
             "tf.layers": tf.layers}[module]
    with pytest.raises(UnsupportedOperationError, match=f"{path} is not supported yet"):
        getattr(owner, name)
    assert not hasattr(owner, name)


# ---------------------------------------------------------------- speed: one generated function per run

def test_train_op_and_its_loss_run_as_one_generated_function():
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.Variable(np.ones((3, 1), np.float32))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    data = np.arange(6, dtype=np.float32).reshape(2, 3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = sess.run(loss, {x: data})
        sess._evaluators.clear()
        _, fetched = sess.run([train, loss], feed_dict={x: data})
        assert sess._evaluators == {}  # no separate evaluation: the fused step returned the loss
        assert fetched == before  # TF1's value: the loss before the update
        assert sess.run(loss, {x: data}) < before


# ---------------------------------------------------------------- checkpoints and summaries

def test_restore_without_initializer_for_rank_one_variables(tmp_path):
    b = tf.Variable([1.0, 2.0, 3.0], name="b")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(b.assign([4.0, 5.0, 6.0]))
        path = saver.save(sess, str(tmp_path / "model.ckpt"))
    with tf.Session() as sess:
        saver.restore(sess, path)
        assert sess.run(b).tolist() == [4.0, 5.0, 6.0] and sess.run(b * 2).shape == (3,)


def test_summaries_without_tensorboard_warn_once_and_write_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(summary_module, "summary_pb2", None)
    monkeypatch.setattr(summary_module, "_warned", [])
    loss = tf.constant(1.0)
    merged = tf.summary.merge([tf.summary.scalar("loss", loss)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writer = tf.summary.FileWriter(str(tmp_path / "logs"))
        tf.summary.FileWriter(str(tmp_path / "logs"))
        writer.add_summary(run(merged), 1)
        writer.close()
    assert len(caught) == 1 and "tensorboard package is not installed" in str(caught[0].message)
    assert run(merged) == b"" and not (tmp_path / "logs").exists()


# ---------------------------------------------------------------- running TF1 files untouched

PROGRAM = """import tensorflow as tf
from tensorflow.python.framework import ops
import tensorflow.compat.v1 as tf1
ops.reset_default_graph()
print(tf1 is tf, sess_value(tf) if False else tf.Session().run(tf.constant(2) * 3))
"""


def test_tf1_command_serves_tensorflow_for_the_program_only(tmp_path, capsys):
    from symopt.cli import main
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    assert main(["tf1", str(program)]) == 0
    assert capsys.readouterr().out == "True 6\n"
    assert importlib.util.find_spec("tensorflow") is None  # the importer is gone after the program


def test_unmirrored_tensorflow_import_names_the_module(tmp_path, capsys):
    from symopt.compat.v1.runner import run_program
    program = tmp_path / "prog.py"
    program.write_text("from tensorflow.examples.tutorials.mnist import input_data\n")
    with pytest.raises(ModuleNotFoundError, match="tensorflow.examples is not supported yet"):
        run_program(str(program))


def test_feeding_an_intermediate_reaches_gradients_summaries_and_training():
    x = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable([[2.0]])
    hidden = tf.matmul(x, w)
    loss = tf.reduce_sum(tf.square(hidden))
    (gradient,) = tf.gradients(loss, [w])
    merged = tf.summary.merge([tf.summary.scalar("loss", loss)])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # d/dw sum((x w)^2) = 2 x^T (x w); feeding hidden = 5 makes the loss 25 and the gradient 2 * 1 * 5
        assert sess.run([loss, gradient], {x: [[1.0]], hidden: [[5.0]]}) == [25.0, [[10.0]]]
        if summary_module.summary_pb2 is not None:
            value = summary_module.summary_pb2.Summary.FromString(sess.run(merged, {x: [[1.0]], hidden: [[5.0]]}))
            assert value.value[0].simple_value == 25.0
        _, fed_loss = sess.run([train, loss], {x: [[1.0]], hidden: [[5.0]]})
        assert fed_loss == 25.0 and sess.run(w).tolist() == [[1.0]]  # w -= 0.1 * 10


def test_round_halves_to_even():
    values = np.array([0.5, 1.5, 2.5, -1.7, 2.2])
    np.testing.assert_array_equal(run(tf.round(tf.constant(values))), np.round(values))


@pytest.mark.parametrize("key, staircase", [("exponential_decay(0.1, gs, 10, 0.5) float32", False),
                                            ("exponential_decay(0.1, gs, 10, 0.5, staircase=True) float32", True)])
def test_a_tensor_learning_rate_of_the_global_step_matches_tf1(key, staircase):
    """The plumbing schedules use: a learning rate that is a tensor of ``global_step`` (here TF1's exponential
    decay written with raw ops), evaluated before each update, with ``minimize(global_step=)`` counting."""
    step = tf.Variable(0, trainable=False, dtype=tf.int64)
    exponent = tf.to_float(step) / tf.constant(10.0)
    rate = tf.constant(0.1) * tf.pow(tf.constant(0.5), tf.floor(exponent) if staircase else exponent)
    w = tf.Variable(0.0)
    train = tf.train.GradientDescentOptimizer(rate).minimize(w ** 2 - 10 * w + 25, global_step=step)
    printed = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for count in range(1, 301):
            sess.run(train)
            if str(count) in GOLDEN[key]:
                printed[str(count)] = [str(sess.run(w)), str(sess.run(rate)), int(sess.run(step))]
    assert printed == GOLDEN[key]


def test_more_names_programs_use(tmp_path):
    x = tf.constant([[1.0, 5.0], [3.0, -2.0]])
    assert run(tf.reduce_min(x)) == -2.0 and run(tf.reduce_min(x, axis=1)).tolist() == [1.0, -2.0]
    w = tf.Variable(x)
    (gradient,) = tf.gradients(tf.reduce_min(w), [w])
    assert run(gradient).tolist() == [[0.0, 0.0], [0.0, 1.0]]
    assert tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES) == [w]
    tf.add_to_collection("mine", x)
    assert tf.get_collection("mine") == [x]
    config = tf.ConfigProto(allow_soft_placement=True)
    config.gpu_options.allow_growth = True
    step = tf.train.get_or_create_global_step()
    with tf.Session(config=config) as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        path = tf.train.Saver().save(sess, str(tmp_path / "model"), global_step=step)
    assert path.endswith("model-0")


def test_comparisons_and_logical_ops():
    x, y = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 2.0, 2.0])
    assert run(tf.greater(x, y)).tolist() == [False, False, True] and run(x > 2.0).dtype == np.bool_
    assert run(tf.less(x, y)).tolist() == [True, False, False] and run(x <= y).tolist() == [True, True, False]
    assert run(x >= y).tolist() == [False, True, True] and run(tf.not_equal(x, y)).tolist() == [True, False, True]
    assert run(tf.logical_and(x > 1.0, x < 3.0)).tolist() == [False, True, False]
    assert run(tf.logical_or(x < 2.0, x > 2.0)).tolist() == [True, False, True]
    assert run(tf.logical_not(x > 1.0)).tolist() == [True, False, False]
    predictions = tf.cast(tf.greater(tf.sigmoid(tf.constant([-1.0, 2.0])), 0.5), tf.float32)
    assert run(tf.reduce_mean(tf.cast(tf.equal(predictions, tf.constant([0.0, 1.0])), tf.float32))) == 1.0


def test_course_import_paths_are_mirrored_under_the_package():
    from symopt.compat.v1.python.framework import dtypes, ops
    ops.reset_default_graph()
    assert ops.get_default_graph() is tf.get_default_graph() and dtypes.float32 is tf.float32


@pytest.mark.parametrize("shape", [None, []])
def test_a_learning_rate_placeholder_fed_at_every_step(shape):
    rate = tf.placeholder(tf.float32, shape)
    x = tf.placeholder(tf.float32)
    w = tf.Variable(0.0)
    train = tf.train.GradientDescentOptimizer(rate).minimize(tf.square(w * x - 3.0))
    expected = np.float32(0.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for lr in (0.1, 0.05, 0.01):
            sess.run(train, {rate: lr, x: 2.0})
            gradient = np.float32(2) * (expected * np.float32(2) - np.float32(3)) * np.float32(2)
            expected = expected - gradient * np.float32(lr)
            assert sess.run(w) == expected


def test_maximum_minimum_clip_values_and_tf1_gradient_rule():
    values = np.array([-2.0, 0.5, 1.0, 3.0])
    x = tf.Variable(values)
    np.testing.assert_array_equal(run(tf.maximum(x, 1.0)), np.maximum(values, 1.0))
    np.testing.assert_array_equal(run(tf.minimum(x, 1.0)), np.minimum(values, 1.0))
    np.testing.assert_array_equal(run(tf.clip_by_value(x, 0.0, 1.0)), np.clip(values, 0.0, 1.0))
    (to_x,) = tf.gradients(tf.reduce_sum(tf.maximum(x, 1.0)), [x])
    (clipped,) = tf.gradients(tf.reduce_sum(tf.clip_by_value(x, 0.0, 1.0)), [x])
    assert run(to_x).tolist() == [0.0, 0.0, 1.0, 1.0]  # ties (x == 1) go to x, as TF1's MaximumGrad
    assert run(clipped).tolist() == [0.0, 1.0, 1.0, 0.0]
    probabilities = tf.constant([0.0, 0.5, 1.0])
    assert np.isfinite(run(tf.log(tf.clip_by_value(probabilities, 1e-10, 1.0)))).all()


def test_fetch_and_feed_by_name():
    x = tf.placeholder(tf.float32, [None], name="x")
    loss = tf.reduce_sum(tf.square(x), name="loss")
    w = tf.Variable(1.0, name="w")
    train = tf.train.GradientDescentOptimizer(0.5).minimize(w * w, name="train")
    graph = tf.get_default_graph()
    assert graph.get_tensor_by_name("loss:0") is loss and graph.get_operation_by_name("train") is train
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run("loss:0", feed_dict={"x:0": [1.0, 2.0]}) == 5.0
        assert sess.run(["train", "w:0"]) == [None, 0.0] and sess.run(w) == 0.0  # TF1 reads w after the step
    with pytest.raises(KeyError, match="'nope:0' refers to a Tensor which does not exist"):
        graph.get_tensor_by_name("nope:0")
