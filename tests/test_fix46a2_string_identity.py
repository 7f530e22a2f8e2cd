"""final46a 46a-12: tf.identity of a string tensor is that string (TF 2.21: ``b'abc'``), alone and beside a metric
update (it was a bare AttributeError in the compiler); final46a2 46a2-10 / 46a2-4: a string
tf.placeholder_with_default is built, fed and defaulted, and a fed Python str is returned as UTF-8 bytes.  Oracle: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/strs.py, printed values copied here)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_identity_of_a_string_is_the_string():
    y = tf.placeholder(tf.int32)
    _, update = tf.metrics.mean(tf.cast(y, tf.float32))
    text = tf.identity(tf.constant("abc"))
    sess = tf.Session()
    sess.run(tf.local_variables_initializer())
    assert sess.run(text) == b"abc"  # TF 2.21
    value, _ = sess.run([text, update], {y: np.array([0, 1], np.int32)})
    assert value == b"abc"


@pytest.mark.parametrize("default", ["dflt", b"dflt"])
def test_placeholder_with_default_of_a_string_is_fed_or_its_default(default):
    p = tf.placeholder_with_default(default, ())
    assert p.name == "PlaceholderWithDefault:0"  # TF 2.21 (/work/wt/final46a2/pwd.py)
    sess = tf.Session()
    assert sess.run(tf.constant(1.)) == 1.0  # built, unused: TF 2.21 runs the rest
    assert sess.run(p, {p: b"x"}) == b"x"  # TF 2.21
    assert sess.run(p) == b"dflt"  # TF 2.21


@pytest.mark.parametrize("shape", [(), None])
def test_identity_of_a_string_placeholder_fed_a_str_is_bytes(shape):
    q = tf.placeholder(tf.string, shape)
    assert tf.Session().run(tf.identity(q), {q: "hi"}) == b"hi"  # TF 2.21 (/work/wt/final46a2/strph2.py)
