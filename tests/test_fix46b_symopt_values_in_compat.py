"""P83-6: a symopt.Variable or SymPy expression given to symopt.compat.v1 ops (mixing the two APIs in one
notebook).  TF 2.21 given a SymPy object raises ``TypeError: Failed to convert elements of sw to Tensor``; symopt
said "only a single string is supported", "convert it with float(...)", or raised a bare AttributeError."""

import pytest

import symopt
import symopt.compat.v1 as tf
from symopt.errors import SymoptError

BUILDERS = {
    "square": lambda w, sw: tf.square(sw),
    "reduce_mean": lambda w, sw: tf.reduce_mean(sw),
    "add": lambda w, sw: w + sw,
    "constant_list": lambda w, sw: tf.constant([1.0, sw]),
    "gradients": lambda w, sw: tf.gradients((sw - 5) ** 2, w),
    "minimize": lambda w, sw: tf.train.GradientDescentOptimizer(0.1).minimize((sw - 5) ** 2),
    # 46b-6: TF 2.21 raises the same TypeError for tf.Variable(sw), tf.Variable([sw, 1.]), get_variable(initializer=sw)
    "variable": lambda w, sw: tf.Variable(sw),
    "variable_list": lambda w, sw: tf.Variable([sw, 1.0]),
    "get_variable": lambda w, sw: tf.get_variable("g", initializer=sw),
}


@pytest.mark.parametrize("case", sorted(BUILDERS))
def test_symopt_expression_is_a_typed_conversion_error(case):
    tf.reset_default_graph()
    w = tf.Variable(0.0)
    sw = symopt.Variable("sw", 1.0)
    before = len(tf.get_default_graph().get_operations())
    with pytest.raises(SymoptError, match="Failed to convert elements of .*sw.* to Tensor") as caught:
        BUILDERS[case](w, sw)
    assert isinstance(caught.value, TypeError)  # TF1's TypeError
    message = str(caught.value)
    assert "symopt.compat.v1 tensor" in message and ("ScalarVariable" in message or "Pow" in message)
    assert "tf.Variable(1.0)" in message  # what to do
    assert len(tf.get_default_graph().get_operations()) == before
