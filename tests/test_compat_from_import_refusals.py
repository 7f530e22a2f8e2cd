"""``from tensorflow import keras`` (``from tensorflow.contrib import rnn``, ``from tensorflow.nn import rnn_cell``)
under ``symopt tf1`` is the runner's "is not supported yet" refusal, as ``import tensorflow.keras`` is, not
Python's "cannot import name 'keras' from 'symopt.compat.v1' (.../__init__.py)", which reads like a broken install
(probe11 U1).  TF 1.x imported all of these; TF 2.21 imports keras."""

import pytest

from symopt.compat.v1.runner import run_program


@pytest.mark.parametrize("statement, name", [
    ("from tensorflow import keras", "tensorflow.keras"),
    ("from tensorflow import estimator", "tensorflow.estimator"),
    ("from tensorflow.contrib import rnn", "tensorflow.contrib.rnn"),
    ("from tensorflow.contrib import slim", "tensorflow.contrib.slim"),
    ("from tensorflow.contrib.layers import batch_norm", "tensorflow.contrib.layers.batch_norm"),
    ("from tensorflow.nn import rnn_cell", "tensorflow.nn.rnn_cell"),
    ("from tensorflow.compat.v1 import keras", "tensorflow.keras"),
    ("import tensorflow.keras", "tensorflow.keras"),
])
def test_a_from_import_of_a_missing_name_is_the_runners_refusal(tmp_path, statement, name):
    program = tmp_path / "prog.py"
    program.write_text(statement + "\n")
    with pytest.raises(ModuleNotFoundError, match=f"^{name} is not supported yet by symopt.compat.v1") as caught:
        run_program(str(program))
    assert caught.value.name == name


def test_from_imports_of_names_symopt_has_and_import_fallbacks_still_work(tmp_path, capsys):
    program = tmp_path / "prog.py"
    program.write_text("import tensorflow.compat.v1 as tf\n"
                       "try:\n"
                       "    from tensorflow.contrib import rnn\n"
                       "except ImportError:\n"
                       "    rnn = None\n"
                       "from tensorflow.nn import relu\n"
                       "from tensorflow.compat.v1 import placeholder\n"
                       "from tensorflow.contrib.layers import l2_regularizer\n"
                       "print(rnn, hasattr(tf, 'keras'), hasattr(tf.nn, 'rnn_cell'), relu.__name__,\n"
                       "      placeholder.__name__, l2_regularizer.__name__)\n")
    run_program(str(program))
    assert capsys.readouterr().out == "None False False relu placeholder l2_regularizer\n"
