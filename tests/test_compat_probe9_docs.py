"""probe9 S7: ``tf.erf`` / ``tf.erfc`` work (TF 2.21's values within a float32 ulp), and docs/compat.md says so
instead of listing ``tf.erf`` among what raises."""

import pathlib
import re

import numpy as np

import symopt.compat.v1 as tf

COMPAT_DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs" / "compat.md"


def test_erf_and_erfc_match_tf1_with_their_gradient():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    points = [-2., -0.3, 0., 0.5, 3.]
    with tf.Session() as session:
        erf, gradient, erfc = session.run([tf.erf(x), tf.gradients(tf.reduce_sum(tf.erf(x)), x)[0], tf.math.erfc(x)],
                                          {x: points})
    # TF 2.21 tf.compat.v1 (probe9 c12.py)
    np.testing.assert_allclose(erf, [-0.9953223, -0.3286268, 0., 0.5204999, 0.999978], rtol=2e-7, atol=0)
    np.testing.assert_allclose(gradient, [2.0666987e-02, 1.0312610e+00, 1.1283792e+00, 8.7878263e-01, 1.3925305e-04],
                               rtol=1e-6)
    np.testing.assert_allclose(erfc, [1.9953222, 1.3286269, 1.0, 4.7950011e-01, 2.2090497e-05], rtol=1e-5)


def test_the_docs_list_erf_as_supported_not_as_missing():
    text = COMPAT_DOCS.read_text(encoding="utf-8")
    missing = text[text.index("- **Not there**"):]
    missing = missing[:missing.index("\n- ")]
    assert not re.search(r"`tf\.erfc?`", missing)
    elementwise = next(line for line in text.splitlines() if line.startswith("| elementwise |"))
    assert "`erf`, `erfc`" in elementwise
