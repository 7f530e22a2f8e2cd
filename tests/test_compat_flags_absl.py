"""``tf.app.flags`` gaps the probe found (F14): ``DEFINE_list``, ``DEFINE_enum``, bounds, ``name in FLAGS``, and the
exit status of ``symopt tf1`` on a flag error.  Literals marked "TF 2.21 compat.v1" were printed by TensorFlow
2.21's ``tf.compat.v1.app.flags`` (absl) running the same program in a separate environment."""

import sys

import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import UnsupportedNameError
from symopt.errors import SymoptError

PROGRAM = '''
import tensorflow.compat.v1 as tf
flags = tf.app.flags
flags.DEFINE_list("names", "a,b", "names")
flags.DEFINE_enum("mode", "train", ["train", "eval"], "mode")
flags.DEFINE_integer("n", 1, "n", lower_bound=0)
flags.DEFINE_float("rate", 0.5, "rate", lower_bound=0.0, upper_bound=1.0)
FLAGS = flags.FLAGS
def main(argv):
    print("argv", argv[1:])
    print("names", FLAGS.names, "mode", FLAGS.mode, "n", FLAGS.n, "rate", FLAGS.rate, "in", "n" in FLAGS,
          "zz" in FLAGS)
    return 0
if __name__ == "__main__":
    tf.app.run(main)
'''


@pytest.fixture(autouse=True)
def fresh_flags(monkeypatch):
    # FLAGS parses sys.argv when a flag is first read, as TF1 does (TF 2.21 raises UnrecognizedFlagError for
    # pytest's own options, --ignore=... or -q): the program's command line here is the program's name alone
    monkeypatch.setattr(sys, "argv", ["prog.py"])
    tf.app.FLAGS.reset()
    yield
    tf.app.FLAGS.reset()


@pytest.mark.parametrize("arguments, status, output", [
    # TF 2.21 compat.v1: printed lines (stdout), or the exception's last line, and the exit status
    ([], 0, "argv []\nnames ['a', 'b'] mode train n 1 rate 0.5 in True False"),
    (["--names=x,y,z", "--mode=eval", "--n=3", "--rate=1.0"], 0,
     "argv []\nnames ['x', 'y', 'z'] mode eval n 3 rate 1.0 in True False"),
    (["--names=", "--bogus=1"], 0, "argv ['--bogus=1']\nnames [] mode train n 1 rate 0.5 in True False"),
    (["--mode=foo"], 1, "IllegalFlagValueError: flag --mode=foo: value should be one of <train|eval>"),
    (["--n=-1"], 1, "IllegalFlagValueError: flag --n=-1: -1 is not a non-negative integer"),
    (["--rate=1.5"], 1, "IllegalFlagValueError: flag --rate=1.5: 1.5 is not a number in the range [0.0, 1.0]"),
    (["--n=abc"], 1, "IllegalFlagValueError: flag --n=abc: invalid literal for int() with base 10: 'abc'"),
])
def test_list_enum_and_bounded_flags_through_symopt_tf1_as_tf1(tmp_path, capsys, arguments, status, output):
    from symopt.cli import main as symopt_main
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    assert symopt_main(["tf1", str(program), *arguments]) == status
    captured = capsys.readouterr()
    assert (captured.out if status == 0 else captured.err).strip() == output


def test_bound_descriptions_are_absls():
    flags = tf.app.flags
    flags.DEFINE_integer("positive", 1, "", lower_bound=1)
    flags.DEFINE_integer("small", 1, "", upper_bound=5)
    flags.DEFINE_float("low", 1.0, "", lower_bound=0.5)
    flags.DEFINE_float("negative", -1.0, "", upper_bound=0)
    cases = {"--positive=0": "flag --positive=0: 0 is not a positive integer",  # TF 2.21 compat.v1 (absl)
             "--small=7": "flag --small=7: 7 is not integer <= 5",
             "--low=0.25": "flag --low=0.25: 0.25 is not number >= 0.5",
             "--negative=2": "flag --negative=2: 2.0 is not a non-positive number"}
    for argument, message in cases.items():
        with pytest.raises(flags.IllegalFlagValueError) as caught:
            tf.app.FLAGS(["prog.py", argument])
        assert str(caught.value) == message
        assert isinstance(caught.value, SymoptError) and isinstance(caught.value, ValueError)
    assert tf.app.FLAGS.positive == 1  # a refused command line changes nothing


def test_a_refused_default_raises_when_defined_and_unknown_names_are_typed():
    # TF 2.21 compat.v1 (absl): a default outside the bounds, or not among the values, is refused when defined
    with pytest.raises(tf.app.flags.IllegalFlagValueError, match=r"^flag --n=-1: -1 is not a non-negative integer$"):
        tf.app.flags.DEFINE_integer("n", -1, "n", lower_bound=0)
    assert "n" not in tf.app.FLAGS
    with pytest.raises(tf.app.flags.IllegalFlagValueError, match="value should be one of <a|b>"):
        tf.app.flags.DEFINE_enum("mode", "c", ["a", "b"], "mode")
    tf.app.flags.DEFINE_list("sizes", ["3", "4"], "sizes")
    assert tf.app.FLAGS.sizes == ["3", "4"]
    with pytest.raises(UnsupportedNameError, match="tf.app.flags.DEFINE_multi_string"):
        tf.app.flags.DEFINE_multi_string
