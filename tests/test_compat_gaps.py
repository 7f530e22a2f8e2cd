"""TF1 compatibility gaps an independent probe found (F31, F40, F35 and missing names), each checked against
TF1's behaviour.  Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in
graph mode (``disable_v2_behavior()``) in a separate environment; TensorFlow is not installed here."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.tensor_shape import UnknownDimensionError
from symopt.errors import SymoptError
from tf1_session import fresh_graph, run  # noqa: F401 - fresh_graph: an autouse fixture


# ---------------------------------------------------------------- F31: Dimension objects

def test_get_shape_items_are_dimensions_with_value_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    shape = x.get_shape()
    batch, features = shape[0], shape[1]
    # TF 2.21 compat.v1: repr, str, .value of each dimension
    assert (repr(batch), str(batch), batch.value) == ("Dimension(None)", "?", None)
    assert (repr(features), str(features), features.value) == ("Dimension(3)", "3", 3)
    assert int(features) == 3 and features == 3 and features + 1 == 4 and list(range(features)) == [0, 1, 2]
    # TF 2.21 compat.v1: comparisons and arithmetic with an unknown dimension are unknown (None, '?')
    assert (batch == 3) is None and (batch != 3) is None and (batch == None) is None  # noqa: E711
    assert str(batch + 1) == "?" and str(features * batch) == "?"
    assert isinstance(batch, tf.Dimension) and isinstance(features, tf.Dimension)
    assert f"{batch} x {features}" == "? x 3"
    assert x.shape[1].value == 3 and x.shape[0].value is None


def test_dims_as_list_slices_and_dimension_value():
    shape = tf.TensorShape([None, 4, 2])
    assert repr(shape.dims) == "[Dimension(None), Dimension(4), Dimension(2)]"  # TF 2.21 compat.v1
    assert repr(shape) == "TensorShape([Dimension(None), Dimension(4), Dimension(2)])"  # TF 2.21 compat.v1
    assert (repr(tf.TensorShape([])), repr(tf.TensorShape(None))) == ("TensorShape([])", "TensorShape(None)")
    assert shape.as_list() == [None, 4, 2] and [d.value for d in shape.dims] == [None, 4, 2]
    tail = shape[1:]
    assert isinstance(tail, tf.TensorShape) and str(tail) == "(4, 2)" and tail.as_list() == [4, 2]
    assert tf.dimension_value(shape[0]) is None and tf.dimension_value(shape[2]) == 2
    assert tf.dimension_value(shape[1]) == 4 and tf.dimension_value(5) == 5
    assert tf.Dimension(3) == 3 and int(tf.Dimension(3)) == 3 and tf.Dimension(None).value is None
    with pytest.raises(IndexError):
        shape[5]
    unknown = tf.placeholder(tf.float32).get_shape()
    assert unknown.dims is None and unknown[0].value is None and unknown.ndims is None


def test_int_of_an_unknown_dimension_is_a_typed_error():
    batch = tf.placeholder(tf.float32, [None, 3]).get_shape()[0]
    with pytest.raises(UnknownDimensionError, match="unknown dimension") as caught:
        int(batch)
    assert isinstance(caught.value, SymoptError) and isinstance(caught.value, TypeError)


def test_shape_ops_keep_working_with_unknown_dimensions():
    x = tf.placeholder(tf.float32, [None, 3])
    rows = tf.placeholder(tf.float32, [3, None])
    assert x.get_shape().as_list() == [None, 3] and x.shape == (None, 3) and str(x.shape) == "(?, 3)"
    assert tf.matmul(x, rows).shape == (None, None)
    first, entry = x[0], x[1][2]
    values = run([first, entry, x + 1.0], {x: np.arange(6.0).reshape(2, 3)})
    assert values[0].tolist() == [0.0, 1.0, 2.0] and values[1] == 5.0 and values[2].shape == (2, 3)
    with pytest.raises(TypeError, match="only iterable when eager"):
        iter(x)
    with pytest.raises(ValueError, match=r"Can not squeeze dim\[0\], expected a dimension of 1, got \?"):
        tf.squeeze(x, axis=0)
    with pytest.raises(ValueError, match="known last dimension"):
        tf.layers.dense(rows, 2)


# ---------------------------------------------------------------- F40: initial values that read other variables

def test_initial_value_reading_another_variable_as_tf1():
    v1 = tf.Variable([1.0, 2.0])
    v3 = tf.Variable(v1 + 10)
    doubled = tf.Variable(v3.initialized_value() * 2)
    scalar = tf.Variable(tf.reduce_sum(v1) * 3.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([v1, v3, doubled, scalar])
        # TF 2.21 compat.v1: [1. 2.] [11. 12.]; doubled and scalar by TF1's arithmetic on those
        assert [v.tolist() for v in values[:3]] == [[1.0, 2.0], [11.0, 12.0], [22.0, 24.0]] and values[3] == 9.0
        assert values[1].dtype == np.float32 and str(v3) == "<tf.Variable 'Variable_1:0' shape=(2,) dtype=float32_ref>"
        # TF 2.21 compat.v1: an initializer run after v1.assign([5., 5.]) reads v1's new value: [15. 15.],
        # through v1 itself and through v1.initialized_value() alike
        sess.run(v1.assign([5.0, 5.0]))
        sess.run([v3.initializer])
        assert sess.run(v3).tolist() == [15.0, 15.0]
    with tf.Session() as sess:  # dependencies first even when listed last: v1 is not yet initialized here
        sess.run(tf.variables_initializer([doubled, v3, v1]))
        assert sess.run(doubled).tolist() == [22.0, 24.0] and sess.run(v3).tolist() == [11.0, 12.0]


def test_initial_value_of_a_matrix_expression_and_a_chain_of_variables():
    weights = tf.Variable(np.array([[1.0, 2.0], [3.0, 4.0]]))
    product = tf.Variable(tf.matmul(weights, weights) - 1.0)
    chained = tf.Variable(product * weights)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        expected = np.array([[1.0, 2.0], [3.0, 4.0]]) @ np.array([[1.0, 2.0], [3.0, 4.0]]) - 1.0
        np.testing.assert_array_equal(sess.run(product), expected)
        np.testing.assert_array_equal(sess.run(chained), expected * np.array([[1.0, 2.0], [3.0, 4.0]]))
        assert sess.run(chained).dtype == np.float64


def test_initial_value_reading_a_placeholder_or_of_unknown_shape_raises_before_creating_anything():
    x = tf.placeholder(tf.float32, [2])
    count = len(tf.global_variables())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"You must feed a value for placeholder tensor 'Placeholder' with dtype float and "
                             r"shape \[2\] \(in the initial value .*pass the array itself"):
        tf.Variable(x + 1.0)
    for unknown in (tf.placeholder(tf.float32), tf.placeholder(tf.float32, [None])):
        with pytest.raises(ValueError, match="initial_value must have a shape specified") as caught:
            tf.Variable(unknown + 1.0)
        assert isinstance(caught.value, SymoptError)
    assert len(tf.global_variables()) == count


# ---------------------------------------------------------------- F35: undefined command-line flags

FLAG_PROGRAM = '''
import tensorflow as tf
tf.app.flags.DEFINE_float("learning_rate", 0.01, "lr")
tf.app.flags.DEFINE_boolean("fake", False, "fake data")
tf.app.flags.DEFINE_string("data_dir", "/tmp/data", "where")
FLAGS = tf.app.flags.FLAGS
def main(argv):
    print("main", argv[1:], FLAGS.learning_rate, FLAGS.fake, FLAGS.data_dir)
if __name__ == "__main__":
    {start}
'''


@pytest.fixture
def flag_program(tmp_path):
    def write(start: str) -> str:
        path = tmp_path / "prog.py"
        path.write_text(FLAG_PROGRAM.replace("{start}", start))
        return str(path)
    return write


def test_an_undefined_flag_read_through_flags_stops_with_absls_message(flag_program, capsys):
    from symopt.cli import main as symopt_main
    program = flag_program("main(['prog'])")  # FLAGS read without tf.app.run: parsed from sys.argv, strictly
    assert symopt_main(["tf1", program, "--learning_rte=0.1"]) == 1
    # TF 2.21 compat.v1 (absl): UnrecognizedFlagError: Unknown command line flag 'learning_rte'. Did you mean:
    # learning_rate ?  (an uncaught exception: exit status 1 under python, and under symopt tf1)
    assert capsys.readouterr().err.strip() == ("UnrecognizedFlagError: Unknown command line flag 'learning_rte'. "
                                               "Did you mean: learning_rate ?")
    assert symopt_main(["tf1", program, "--learning_rate=0.5", "--nofake", "--data_dir=/x", "positional"]) == 0
    assert capsys.readouterr().out.strip() == "main [] 0.5 False /x"


def test_app_run_tolerates_undefined_flags_and_passes_them_to_main_as_tf1(flag_program, capsys):
    from symopt.cli import main as symopt_main
    program = flag_program("tf.app.run()")
    # TF 2.21 compat.v1 (tf.app.run parses with known_only=True): main argv ['prog_run.py', '--learning_rte=0.1']
    assert symopt_main(["tf1", program, "--learning_rte=0.1", "--fake", "pos"]) == 0
    assert capsys.readouterr().out.strip() == "main ['--learning_rte=0.1', 'pos'] 0.01 True /tmp/data"


def test_flags_parse_raises_for_an_undefined_flag_before_setting_any():
    flags = tf.app.flags
    tf.app.FLAGS.reset()
    try:
        flags.DEFINE_integer("epochs", 5, "")
        flags.DEFINE_integer("steps", 5, "")
        flags.DEFINE_boolean("fast", False, "")
        with pytest.raises(flags.UnrecognizedFlagError, match=r"^Unknown command line flag 'step'\. "
                                                              r"Did you mean: steps \?$") as caught:
            tf.app.FLAGS(["prog", "--epochs=7", "--step=3"])
        assert isinstance(caught.value, SymoptError) and caught.value.flagname == "step"
        with pytest.raises(flags.UnrecognizedFlagError, match=r"^Unknown command line flag 'zz'$"):
            tf.app.FLAGS(["prog", "--zz"])
        with pytest.raises(flags.UnrecognizedFlagError, match="'noepochs'"):  # --no only negates a boolean
            tf.app.FLAGS(["prog", "--noepochs"])
        assert tf.app.FLAGS(["prog", "--step=3", "x"], known_only=True) == ["prog", "--step=3", "x"]
        assert tf.app.FLAGS.epochs == 5 and tf.app.FLAGS(["prog", "--nofast", "--epochs", "2"]) == ["prog"]
        assert (tf.app.FLAGS.fast, tf.app.FLAGS.epochs) == (False, 2)
    finally:
        tf.app.FLAGS.reset()


# ---------------------------------------------------------------- missing names: stop_gradient

def test_stop_gradient_values_and_gradients_as_tf1():
    w = tf.Variable(3.0)
    weights = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    through_scalar = tf.gradients(tf.stop_gradient(w) * w, w)
    through_matrix = tf.gradients(tf.reduce_sum(tf.stop_gradient(weights * weights + 1.0) * weights + weights), weights)
    doubled = tf.stop_gradient(weights + 1.0) * 2.0  # the stopped sum stays one factor
    step = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.stop_gradient(weights) * weights))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([through_scalar, through_matrix, doubled])
        # TF 2.21 compat.v1: [3.0], [[3, 6], [11, 18]], [[4, 6], [8, 10]]
        assert values[0] == [3.0] and values[1][0].tolist() == [[3.0, 6.0], [11.0, 18.0]]
        assert values[2].tolist() == [[4.0, 6.0], [8.0, 10.0]] and values[2].dtype == np.float32
        sess.run(step)
        np.testing.assert_allclose(sess.run(weights), [[0.9, 1.8], [2.7, 3.6]], rtol=1e-6)
    # TF 2.21 compat.v1: a variable read only inside stop_gradient has no gradient, and minimize refuses it
    assert tf.gradients(tf.stop_gradient(w) * 2.0, w) == [None] and tf.stop_gradient(w).name.startswith("StopGradient")
    assert tf.gradients(tf.reduce_sum(tf.stop_gradient(weights) * 2.0), weights) == [None]
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.stop_gradient(w) * 2.0, var_list=[w])


def test_stop_gradient_derivative_matches_finite_differences_of_the_frozen_function():
    import sympy
    from symopt.calculus import adjoints
    from symopt.functions import stop_gradient
    x = sympy.Symbol("x", real=True)
    cost = sympy.sin(stop_gradient(x**2) * x) + stop_gradient(sympy.exp(x))
    (derivative,) = map(adjoints(cost, [x]).get, [x])
    at, h = 0.7, 1e-6

    def frozen(value):  # stop_gradient's arguments held at x = 0.7
        return np.sin(at**2 * value) + np.exp(at)
    numeric = (frozen(at + h) - frozen(at - h)) / (2 * h)
    assert abs(float(derivative.subs(x, at)) - numeric) < 1e-8
    assert float(cost.subs(x, at).evalf()) == pytest.approx(np.sin(at**3) + np.exp(at), rel=1e-12)
    assert stop_gradient(sympy.Integer(2)) == 2 and sympy.diff(stop_gradient(x) * x, x) == stop_gradient(x)


# ---------------------------------------------------------------- missing names: is_nan, is_inf, is_finite

def test_value_tests_and_boolean_reductions_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    fetches = [tf.is_nan(x), tf.is_inf(x), tf.is_finite(x), tf.reduce_any(tf.is_nan(x)),
               tf.reduce_all(tf.math.is_finite(x), axis=1), tf.cast(tf.math.is_nan(x), tf.float32)]
    # TF 2.21 compat.v1: the op names
    assert [t.name for t in fetches[:5]] == ["IsNan:0", "IsInf:0", "IsFinite:0", "Any:0", "All:0"]
    assert all(t.dtype == tf.bool for t in fetches[:5]) and fetches[4].shape == (None,)
    values = run(fetches, {x: np.array([[1, np.nan, np.inf], [0, -np.inf, 2]], np.float32)})
    # TF 2.21 compat.v1 on the same feed
    assert values[0].tolist() == [[False, True, False], [False, False, False]]
    assert values[1].tolist() == [[False, False, True], [False, True, False]]
    assert values[2].tolist() == [[True, False, False], [True, False, True]]
    assert values[3] is np.True_ and values[4].tolist() == [False, False]
    assert values[5].tolist() == [[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]] and values[5].dtype == np.float32
    scalars = run([tf.is_nan(tf.constant(np.nan)), tf.is_inf(tf.log(0.0)), tf.is_finite(tf.constant(2.0)),
                   tf.reduce_any(tf.is_nan(tf.constant([1.0, 2.0])))])
    assert [bool(v) for v in scalars] == [True, True, True, False]


def test_value_tests_refuse_integers_and_gradients():
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.is_nan(tf.constant([1, 2]))
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: bool"):
        tf.reduce_any(tf.constant([1.0]))
    w = tf.Variable([1.0, 2.0])
    x = tf.placeholder(tf.float32, [2])
    # TF 2.21 compat.v1: is_nan passes no gradient (held constant); the product's other factor does: [0, 1]
    (grad,) = tf.gradients(tf.reduce_sum(tf.cast(tf.is_nan(w * x), tf.float32) * w), w)
    assert run(grad, {x: [1.0, np.nan]}).tolist() == [0.0, 1.0]
    assert tf.gradients(tf.reduce_sum(tf.cast(tf.is_nan(w), tf.float32)), w) == [None]


# ---------------------------------------------------------------- missing names: latest_checkpoint

def test_latest_checkpoint_follows_the_savers_index_as_tf1(tmp_path, monkeypatch):
    w = tf.Variable([1.0, 2.0])
    directory = str(tmp_path)
    with tf.Session() as sess:
        sess.run(w.initializer)
        assert tf.train.latest_checkpoint(directory) is None
        assert tf.train.latest_checkpoint(str(tmp_path / "missing")) is None
        saver = tf.train.Saver(max_to_keep=2)
        for step in (1, 2, 3):
            sess.run(w.assign(w * 2.0))
            saver.save(sess, str(tmp_path / "model.ckpt"), global_step=step)
        # TF 2.21 compat.v1 writes the same index for an absolute path
        assert (tmp_path / "checkpoint").read_text() == (f'model_checkpoint_path: "{directory}/model.ckpt-3"\n'
                                                         f'all_model_checkpoint_paths: "{directory}/model.ckpt-2"\n'
                                                         f'all_model_checkpoint_paths: "{directory}/model.ckpt-3"\n')
        assert tf.train.latest_checkpoint(directory) == f"{directory}/model.ckpt-3"
        state = tf.train.get_checkpoint_state(directory)
        assert state.all_model_checkpoint_paths == [f"{directory}/model.ckpt-2", f"{directory}/model.ckpt-3"]
        sess.run(w.assign([0.0, 0.0]))
        saver.restore(sess, tf.train.latest_checkpoint(directory))
        assert sess.run(w).tolist() == [8.0, 16.0]
        monkeypatch.chdir(tmp_path)
        # TF 2.21 compat.v1: a relative save path is written relative to its directory
        assert tf.train.Saver().save(sess, "sub/model.ckpt", global_step=7) == "sub/model.ckpt-7"
        assert (tmp_path / "sub" / "checkpoint").read_text() == ('model_checkpoint_path: "model.ckpt-7"\n'
                                                                 'all_model_checkpoint_paths: "model.ckpt-7"\n')
        assert tf.train.latest_checkpoint("sub") == "sub/model.ckpt-7"
        (tmp_path / "sub" / "checkpoint").write_text("garbage {")
        assert tf.train.latest_checkpoint("sub") is None and tf.train.get_checkpoint_state("sub") is None
        (tmp_path / "sub" / "checkpoint").write_text('model_checkpoint_path: "gone.ckpt"\n')
        assert tf.train.latest_checkpoint("sub") is None  # TF 2.21 compat.v1: None (and logs an error)


# ---------------------------------------------------------------- missing names: reduce_prod

def test_reduce_prod_values_and_exact_gradients_with_zeros_as_tf1():
    p = tf.Variable([[1.5, -2.0, 0.5], [3.0, 0.0, 4.0]])
    z = tf.Variable([[2.0, 0.0, 0.0], [3.0, 1.0, -1.0]])
    v = tf.Variable([2.0, -3.0, 0.5])
    product = tf.reduce_prod(p)
    assert product.name == "Prod:0" and tf.reduce_prod(p, keepdims=True).shape == (1, 1)
    fetches = [product, tf.gradients(product, p)[0], tf.gradients(tf.reduce_prod(z), z)[0], tf.reduce_prod(v),
               tf.gradients(tf.math.reduce_prod(v, axis=0), v)[0], tf.reduce_prod(v, keep_dims=True),
               tf.reduce_prod(tf.constant([2, 3, 4]))]
    values = run(fetches)
    # TF 2.21 compat.v1 (0.0 == -0.0: TF1 gives -0.0 for some of these zeros, symopt may give 0.0)
    assert values[0] == 0.0 and values[1].tolist() == [[0.0, 0.0, 0.0], [0.0, -18.0, 0.0]]
    assert values[2].tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    assert values[3] == -3.0 and values[4].tolist() == [-1.5, 1.0, -6.0] and values[5].tolist() == [-3.0]
    assert values[6] == 24 and values[6].dtype == np.int32 and values[1].dtype == np.float32


def test_reduce_prod_gradient_matches_finite_differences():
    start = np.array([[0.7, -1.2], [0.4, 2.5]])
    x = tf.Variable(start)
    (gradient,) = run(tf.gradients(tf.reduce_prod(x), x))
    h = 1e-6
    for index in np.ndindex(*start.shape):
        step = np.zeros_like(start)
        step[index] = h
        numeric = (np.prod(start + step) - np.prod(start - step)) / (2 * h)
        assert gradient[index] == pytest.approx(numeric, rel=1e-8)


def test_reduce_prod_along_an_axis_as_tf1():
    from symopt.errors import UnsupportedOperationError
    p = tf.Variable([[1.5, -2.0, 0.5], [3.0, 0.0, 4.0]])
    fetches = [tf.reduce_prod(p, axis=0), tf.reduce_prod(p, axis=1), tf.reduce_prod(p, axis=-1, keepdims=True),
               tf.reduce_prod(p, reduction_indices=[0], keep_dims=True)]
    assert [t.shape for t in fetches] == [(3,), (2,), (2, 1), (1, 3)]
    values = run(fetches)
    # TF 2.21 compat.v1: [4.5, -0.0, 2.0], [-1.5, 0.0], [[-1.5], [0.0]]
    assert [v.tolist() for v in values] == [[4.5, 0.0, 2.0], [-1.5, 0.0], [[-1.5], [0.0]], [[4.5, 0.0, 2.0]]]
    try:  # the gradient through the columns needs slices to be differentiable (another part of symopt)
        gradients = run([tf.gradients(tf.reduce_sum(tf.reduce_prod(p, axis=1)), p)[0],
                         tf.gradients(tf.reduce_sum(tf.reduce_prod(p, axis=0) * [1.0, 2.0, 3.0]), p)[0]])
    except UnsupportedOperationError as error:
        assert "MatrixSlice" in str(error)
    else:  # TF 2.21 compat.v1
        assert gradients[0].tolist() == [[-1.0, 0.75, -3.0], [0.0, 12.0, 0.0]]
        assert gradients[1].tolist() == [[3.0, 0.0, 12.0], [1.5, -4.0, 1.5]]


def test_reduce_prod_refuses_what_it_cannot_do_exactly():
    from symopt.errors import UnsupportedOperationError
    p = tf.Variable(np.ones((2, 3)))
    for batch in (tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None])):
        with pytest.raises(UnsupportedOperationError, match=r"shape \(\?, ?2?,?\).*known shape \(no batch"):
            tf.reduce_prod(batch, axis=-1)
    with pytest.raises(UnsupportedOperationError, match="at most 64"):
        tf.reduce_prod(tf.Variable(np.ones((5, 13))))
    with pytest.raises(ValueError, match="Invalid reduction dimension"):
        tf.reduce_prod(p, axis=2)
    assert run(tf.reduce_prod(p, axis=[0, 1])) == 1.0 and run(tf.reduce_prod(p, axis=[-1, 0])) == 1.0


def test_get_variable_starts_from_an_expression_of_another_variable():
    """``tf.get_variable("v2", initializer=v1 * 2)``: TF1 gives [2., 4.] (the value of v1's initializer, doubled)."""
    graph = tf.Graph()
    with graph.as_default():
        v1 = tf.Variable([1., 2.])
        v2 = tf.get_variable("v2", initializer=v1 * 2)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(session.run(v2), np.array([2., 4.], dtype=np.float32))


def test_a_jax_session_without_jax_says_so_at_creation(monkeypatch):
    """``ConfigProto(backend="jax")`` where JAX is not installed: a BackendError when the session is made (it used to
    evaluate on NumPy and fail only at the first training step)."""
    import sys

    from symopt.errors import BackendError
    monkeypatch.setitem(sys.modules, "jax", None)  # import jax raises ImportError
    with pytest.raises(BackendError, match="needs JAX"):
        tf.Session(config=tf.ConfigProto(backend="jax"))


def test_slice_and_strided_slice_as_tf1():
    """Names, shapes, values and the gradient printed by TF 2.21's tf.compat.v1 (graph mode) for the same program."""
    graph = tf.Graph()
    with graph.as_default():
        W = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
        X = tf.placeholder(tf.float32, [None, 3])
        a, b = tf.slice(W, [1, 0], [2, -1]), tf.slice(X, [0, 1], [-1, 2])
        c = tf.strided_slice(W, [0, 2], [4, 3], [2, 1])
        d = tf.strided_slice(W, [1, 0], [0, 3], [1, 1], shrink_axis_mask=1)
        e = tf.strided_slice(W, [3, 0], [0, 3], [-1, 1], end_mask=1)
        assert [str(t) for t in (a, b, c, d, e)] == [
            'Tensor("Slice:0", shape=(2, 3), dtype=float32)', 'Tensor("Slice_1:0", shape=(?, 2), dtype=float32)',
            'Tensor("StridedSlice:0", shape=(2, 1), dtype=float32)',
            'Tensor("StridedSlice_1:0", shape=(3,), dtype=float32)',
            'Tensor("StridedSlice_2:0", shape=(4, 3), dtype=float32)']
        grad = tf.gradients(tf.reduce_sum(a * a) + tf.reduce_sum(c) + tf.reduce_sum(d * 3) + tf.reduce_sum(e), W)[0]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            values = session.run([a, b, c, d, e, grad], {X: np.arange(6, dtype=np.float32).reshape(2, 3)})
        w = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
        for got, expected in zip(values, [w[1:3], [[1., 2.], [4., 5.]], w[0:4:2, 2:3], w[1], w[::-1],
                                          [[1., 1., 2.], [4.6, 4.8, 5.], [2.2, 2.4, 3.6], [1., 1., 1.]]]):
            np.testing.assert_allclose(got, np.asarray(expected, np.float32), rtol=1e-6)
        with pytest.raises(ValueError, match=r"Expected size\[0\] in \[0, 3\], but got 5"):
            tf.slice(W, [1, 0], [5, 1])
        with pytest.raises(SymoptError, match="ellipsis_mask"):
            tf.strided_slice(W, [0], [1], ellipsis_mask=1)
        leading = tf.strided_slice(W, [1], [3])  # bounds for the first axis only: TF1 takes the rest whole
        # TF 2.21: StridedSlice_4 (the refused ellipsis_mask op, which TF1 builds, took StridedSlice_3: probe63 P63-3)
        assert str(leading) == 'Tensor("StridedSlice_4:0", shape=(2, 3), dtype=float32)'
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(session.run(leading), w[1:3])


def test_a_saver_keeps_only_its_last_max_to_keep_checkpoints(tmp_path):
    """TF1's Saver deletes the files of its saves older than the last ``max_to_keep`` (None keeps them all)."""
    graph = tf.Graph()
    with graph.as_default():
        W = tf.Variable([1.0, 2.0])
        assign = tf.assign_add(W, [1.0, 1.0])
        bounded, unbounded = tf.train.Saver(max_to_keep=2), tf.train.Saver(max_to_keep=None)
        (tmp_path / "a").mkdir()
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            for step in range(4):
                bounded.save(session, str(tmp_path / "a" / "model"), global_step=step)
                unbounded.save(session, str(tmp_path / "model"), global_step=step)
                session.run(assign)
            assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [  # each with its .index (probe22 H17)
                "checkpoint", "model-2", "model-2.index", "model-3", "model-3.index"]
            assert sorted(p.name for p in tmp_path.iterdir() if p.is_file() and p.suffix != ".index") == [
                "checkpoint", "model-0", "model-1", "model-2", "model-3"]
            bounded.restore(session, tf.train.latest_checkpoint(str(tmp_path / "a")))
            np.testing.assert_array_equal(session.run(W), [4.0, 5.0])


def test_dense_layers_name_their_ops_inside_their_scope_as_tf1():
    """TF1 source (tf.layers.dense applies the activation inside the layer's name scope; bias_add is BiasAdd):
    ``hidden/Relu:0`` and ``out/BiasAdd:0`` (the probe's finding F41), and a plain ``tf.nn.bias_add`` is ``BiasAdd:0``."""
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, [None, 4])
        hidden = tf.layers.dense(X, 8, activation=tf.nn.relu, name="hidden")
        out = tf.layers.dense(hidden, 2, name="out")
        fully = tf.contrib.layers.fully_connected(X, 3)
        added = tf.nn.bias_add(X, tf.constant([1., 2., 3., 4.]))
        assert [t.name for t in (hidden, out, fully, added)] == [
            "hidden/Relu:0", "out/BiasAdd:0", "fully_connected/Relu:0", "BiasAdd:0"]


def test_a_placeholder_of_shape_none_none_takes_any_number_of_columns():
    """``tf.placeholder(tf.float32, [None, None])``: m examples of any number of columns (it used to make both
    dimensions the batch size, so a (8, 3) feed was refused).  TF 2.21's compat.v1 trains the same program to
    W = [1.00804, 1.9858481, 2.9816673] (cost 7.5250864e-05)."""
    graph = tf.Graph()
    with graph.as_default():
        X, y = tf.placeholder(tf.float32, [None, None]), tf.placeholder(tf.float32, [None, 1])
        assert str(X) == 'Tensor("Placeholder:0", shape=(?, ?), dtype=float32)'
        W = tf.Variable(np.zeros((3, 1), np.float32))
        cost = tf.reduce_mean(tf.square(tf.matmul(X, W) - y))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
        xs = np.random.default_rng(0).normal(size=(8, 3)).astype(np.float32)
        ys = xs @ np.array([[1.], [2.], [3.]], np.float32)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            for _ in range(200):
                session.run(train, {X: xs, y: ys})
            np.testing.assert_allclose(session.run(W).ravel(), [1.00804, 1.9858481, 2.9816673], rtol=1e-6)
            with pytest.raises(ValueError, match=r"Cannot feed value of shape \(8,\)"):
                session.run(cost, {X: xs[:, 0], y: ys})
            with pytest.raises(SymoptError, match="Incompatible batch sizes"):
                session.run(cost, {X: xs, y: ys[:5]})
            wide = tf.placeholder(tf.float32, [None, None])
            assert session.run(tf.reduce_sum(wide * 2), {wide: np.ones((3, 4))}) == 24.0


def test_every_comparison_with_nan_is_false_as_tf1():
    """Printed by TF 2.21's compat.v1 for the same feed (the probe's finding: symopt's step gave NaN, read as True)."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        xs = np.array([[np.nan, 1.0, -2.0], [np.inf, -np.inf, 0.0]], np.float32)
        fetched = [x < 10.0, x >= 10.0, x > 0.0, x <= 0.0, tf.greater_equal(x, 0.0), tf.less_equal(x, x),
                   tf.not_equal(x, x), tf.reduce_all(x < 10.0, axis=1), tf.reduce_any(x > 10.0, 1),
                   tf.cast(x < 0.0, tf.float32)]
        w = tf.Variable([[1.0, 2.0, 3.0]])
        gradient = tf.gradients(tf.reduce_sum(tf.maximum(w, 2.0)) + tf.reduce_sum(tf.minimum(w, 2.0) * 3), w)[0]
        with tf.Session() as session, np.errstate(invalid="ignore"):
            session.run(tf.global_variables_initializer())
            values = [np.asarray(v).tolist() for v in session.run(fetched, {x: xs})]
            assert values == [
                [[False, True, True], [False, True, True]], [[False, False, False], [True, False, False]],
                [[False, True, False], [True, False, False]], [[False, False, True], [False, True, True]],
                [[False, True, False], [True, False, True]], [[False, True, True], [True, True, True]],
                [[True, False, False], [False, False, False]], [False, False], [False, True],
                [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]]
            assert session.run(gradient).tolist() == [[3.0, 4.0, 1.0]]  # ties go to x, as TF1's MaximumGrad


def test_an_entry_of_a_compound_tensor_is_that_entry():
    """``(A - B)[1, 2]`` printed as ``A - B[1, 2]`` gave silent wrong numbers (probe); TF 2.21's compat.v1 prints
    these values for the same program."""
    graph = tf.Graph()
    with graph.as_default():
        A = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(2, 3))
        B = tf.Variable(np.ones((2, 3), np.float32) * 10)
        X = tf.placeholder(tf.float32, [None, 3])
        v = tf.Variable(np.arange(4.0, dtype=np.float32))
        fetched = [(A - B)[1, 2] + A, tf.reduce_sum((X + 1.0)[1, 2] * X), (A + B)[0, 1],
                   tf.matmul(X, A, transpose_b=True)[1, 1], tf.square(A + B)[1, 2], (A * 2.0 + 1.0)[0, 2],
                   (A / B)[1, 1], (A ** 2)[1, 0], (v - 1.0)[2], (v * v - v)[-1], tf.matmul(A, tf.transpose(B))[1, 0],
                   (X * 2.0 - 1.0)[2, 0], (X - 1.0)[:, 2][1], (A + B)[0, 1] * (A - B)[1, 0], tf.sqrt((A + B)[1, 2]),
                   tf.reduce_sum(X * (A + B)[0, 0])]
        gradient = tf.gradients(tf.square((A * B)[1, 1]) + tf.reduce_sum(tf.exp(A)[:, ::2]), A)[0]
        train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(A * (A - B)[1, 2]))
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            values = session.run(fetched, {X: np.arange(12.0, dtype=np.float32).reshape(4, 3)})
            expected = [[[-5., -4., -3.], [-2., -1., 0.]], 396., 11., 50., 225., 5., 0.4, 9., 1., 6., 120., 11., 4.,
                        -77., 3.87298, 660.]
            for got, want in zip(values, expected):
                np.testing.assert_allclose(got, want, rtol=1e-5)
            np.testing.assert_allclose(session.run(gradient), [[1., 0., 7.3891], [20.0855, 800., 148.4132]],
                                       rtol=1e-5)
            session.run(train)
            np.testing.assert_allclose(session.run(A), [[0.5, 1.5, 2.5], [3.5, 4.5, 4.0]], rtol=1e-6)


def test_dimension_arithmetic_gives_dimensions_as_tf1():
    """TF1: ``tf.Dimension(4) + 1`` is ``Dimension(5)`` (``.value`` 5); with an unknown dimension, unknown."""
    d = tf.Dimension(4)
    assert repr(d + 1) == "Dimension(5)" and (d + 1).value == 5 and (1 + d).value == 5
    assert (d * 2).value == 8 and (d - 1).value == 3 and (d // 3).value == 1 and (7 - d).value == 3
    assert (d + tf.Dimension(None)).value is None and (d * None).value is None
    x = tf.placeholder(tf.float32, [None, 3])
    assert (x.get_shape()[1] * 2).value == 6 and (x.get_shape()[0] + 1).value is None


def test_assigning_a_slice_raises_a_typed_error():
    graph = tf.Graph()
    with graph.as_default():
        W = tf.Variable(np.ones((2, 2), np.float32))
        with pytest.raises(SymoptError, match=r"only a tf.Variable can be assigned.*tf.assign\(W, new_value\)"):
            W[0].assign([1., 2.])


def test_maximum_minimum_and_clipping_choose_exactly_with_infinities_and_nan():
    """Printed by TF 2.21's compat.v1 (the probe's F11: the 0/1-mask arithmetic turned inf*0 into NaN, so the usual
    guard tf.clip_by_value(tf.log(p), -100, 0) gave NaN)."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [4])
        p = tf.placeholder(tf.float32, [3])
        a, b = tf.placeholder(tf.float32, [3]), tf.placeholder(tf.float32, [3])
        feed = {x: np.array([np.nan, 1.0, -np.inf, np.inf], np.float32), p: np.array([0.0, 0.5, 1.0], np.float32),
                a: np.array([1.0, np.nan, np.nan], np.float32), b: np.array([np.nan, 1.0, np.nan], np.float32)}
        fetched = [tf.maximum(x, 0.0), tf.clip_by_value(x, -1.0, 1.0), tf.clip_by_value(tf.log(p), -100.0, 0.0),
                   -tf.reduce_sum(feed[p] * tf.maximum(tf.log(p), -100.0)), tf.maximum(a, b), tf.minimum(a, b)]
        with tf.Session() as session, np.errstate(divide="ignore", invalid="ignore"):
            values = session.run(fetched, feed)
        expected = [[np.nan, 1.0, 0.0, np.inf], [np.nan, 1.0, -1.0, 1.0], [-100.0, -0.6931472, 0.0], 0.3465736,
                    [np.nan] * 3, [np.nan] * 3]
        for got, want in zip(values, expected):
            np.testing.assert_allclose(got, np.asarray(want, np.float32), rtol=1e-6)
