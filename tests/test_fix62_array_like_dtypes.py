"""P61-14: a value that converts itself to a NumPy array (``__array__``: a pandas DataFrame or Series, a torch tensor)
keeps its array's dtype in ``tf.constant``, ``tf.Variable`` and ops given it, as TF's ``make_tensor_proto`` does:
float64 data stays float64 (it was rounded to float32).  Duck-typed stand-ins, no pandas needed.  Expected values:
TF 2.21 ``tf.compat.v1`` with pandas (probe61 p46_tfconst_pd.py, p47_tfvar.py, p51_tfops_pd.py)."""

import numpy as np

import symopt.compat.v1 as tf


class ArrayLike:
    """A stand-in for a DataFrame column or a torch tensor: converts itself with ``__array__``."""

    def __init__(self, values, dtype):
        self.values = np.array(values, dtype=dtype)

    def __array__(self, dtype=None, copy=None):
        return self.values if dtype is None else self.values.astype(dtype)


PRICE = ArrayLike([1e10 + 0.5, 123456789.125], np.float64)


def fetched(tensor):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(tensor)


def test_constant_and_variable_keep_float64_and_int64():
    tf.reset_default_graph()
    constant = tf.constant(PRICE)
    variable = tf.Variable(ArrayLike([1e10 + 0.5, 0.1], np.float64))
    ids = tf.constant(ArrayLike([2 ** 40 + 1, 3], np.int64))
    assert (constant.dtype, variable.dtype, ids.dtype) == (tf.float64, tf.float64, tf.int64)
    # TF 2.21: float64 [10000000000.5, 123456789.125], float64 [10000000000.5, 0.1], int64 [1099511627777, 3]
    np.testing.assert_array_equal(fetched(constant), np.float64([10000000000.5, 123456789.125]))
    np.testing.assert_array_equal(fetched(variable), np.float64([10000000000.5, 0.1]))
    np.testing.assert_array_equal(fetched(ids), np.int64([1099511627777, 3]))


def test_ops_given_an_array_like_compute_in_its_dtype():
    tf.reset_default_graph()
    series = ArrayLike([1e10 + 0.5, 0.1], np.float64)
    mean = fetched(tf.reduce_mean(PRICE))
    assert mean.dtype == np.float64 and mean == 5061728394.8125  # TF 2.21: float64 5061728394.8125
    total = fetched(tf.reduce_sum(series))
    assert total.dtype == np.float64 and total == np.float64(1e10 + 0.5) + np.float64(0.1)  # TF: 10000000000.6
    np.testing.assert_array_equal(fetched(tf.square(series)), np.float64([1.0000000001e+20, 0.010000000000000002]))
