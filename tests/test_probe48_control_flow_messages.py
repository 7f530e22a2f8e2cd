"""Messages of control-flow refusals and ``tf.where``'s shape error (probe48 P48-2, P48-7): each says what was
given and what to write instead; ``tf.case`` errors name ``tf.case``; ``tf.count_up_to`` is the method's function
form.  Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode."""

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import OutOfRangeError
from symopt.errors import SymoptError, UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_where_names_the_mismatched_dimension_or_the_two_ranks():
    x = tf.placeholder(tf.float32, [None, 3])
    with pytest.raises(ValueError, match=r"^Dimension 1 in both shapes must be equal, but are 3 and 1\. Shapes are "
                                         r"\[\?,3\] and \[\?,1\]\."):  # TF 2.21 tf.compat.v1
        tf.where(tf.reduce_sum(x, 1, keepdims=True) > 0, x, -x)
    with pytest.raises(ValueError, match=r"^Shapes must be equal rank, but are 2 and 1 for "):  # TF 2.21 tf.compat.v1
        tf.where(x > 0, x, tf.zeros([3]))


REFUSED = {
    "map_fn": (lambda x: tf.map_fn(lambda e: e * e, x), r"tf.stack\(\[fn\(e\) for e in tf.unstack\(x\)\]\)"),
    "scan": (lambda x: tf.scan(lambda a, e: a + e, x), r"tf.unstack\(x\).*tf.cumsum\(x\)"),
    "foldl": (lambda x: tf.foldl(lambda a, e: a + e, x), r"for e in tf.unstack\(x\): acc = fn\(acc, e\)"),
    "foldr": (lambda x: tf.foldr(lambda a, e: a + e, x), r"reversed\(tf.unstack\(x\)\)"),
    "switch_case": (lambda x: tf.switch_case(tf.constant(1), [lambda: x, lambda: x * 2.0]),
                    r"tf.case\(\[\(tf.equal\(i, 0\), branch_fns\[0\]\)"),
    "py_func": (lambda x: tf.py_func(lambda a: a * 2, [x], tf.float32), r"compute the value in NumPy outside "
                r"session.run and feed it"),
    "numpy_function": (lambda x: tf.numpy_function(lambda a: a, [x], tf.float32), r"feed it through a tf.placeholder"),
    "tuple": (lambda x: tf.tuple([x * 2.0]), r"tf.control_dependencies\(\[tf.group\(\*tensors\)\]\)"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_control_flow_refusals_say_what_to_write_instead(name):
    build, advice = REFUSED[name]
    x = tf.placeholder(tf.float32, [3])
    with pytest.raises(SymoptError, match=rf"^tf\.{name} is not supported yet by symopt.compat.v1 .*{advice}"):
        build(x)


def test_a_case_refusal_names_tf_case():
    w = tf.Variable([1.0, 2.0, 3.0])
    x = tf.placeholder(tf.float32, [3])
    with pytest.raises(UnsupportedOperationError, match=r"^tf\.case: the branches give shapes \[3\] and \[\]"):
        tf.case([(x[0] > 0, lambda: w)], default=lambda: tf.reduce_sum(w))


def test_count_up_to_as_a_function():
    c = tf.Variable(0, dtype=tf.int64)
    counted = tf.count_up_to(c, 2)
    with tf.Session() as sess:
        sess.run(c.initializer)
        assert [sess.run(counted), sess.run(counted)] == [0, 1]  # TF 2.21 tf.compat.v1: 0, 1, then OutOfRangeError
        with pytest.raises(OutOfRangeError, match="Reached limit of 2"):
            sess.run(counted)
        assert sess.run(c) == 2


def test_scipy_optimizer_interface_names_symopts_bounded_route():
    """probe45 P45-5: TF1's constrained route, ``tf.contrib.opt.ScipyOptimizerInterface``, named nothing to use."""
    with pytest.raises(SymoptError, match=r"method='lbfgs', bounds=\{w: \(low, high\)\}.*constraint="):
        tf.contrib.opt.ScipyOptimizerInterface
