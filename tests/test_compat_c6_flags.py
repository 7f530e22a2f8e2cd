"""probe6 P19 (compat6): ``tf.app.run`` parses the flags as absl does: ``--help`` (``-?``, ``--helpshort``,
``--helpfull``) prints absl's usage to stdout and exits with 1 before ``main`` runs; everything after ``--`` is the
program's own.  Expected text: the same programs under TF 2.21 ``tf.compat.v1`` (absl 2)."""

import textwrap

import pytest

from symopt.compat.v1.runner import run_program

PROGRAM = textwrap.dedent('''
    import tensorflow.compat.v1 as tf
    flags = tf.app.flags
    flags.DEFINE_string("data_dir", "/tmp/data", "where the data is")
    flags.DEFINE_enum("mode", "train", ["train", "eval"], "which mode")
    flags.DEFINE_list("layers", "64,32", "layer sizes")
    flags.DEFINE_integer("epochs", 2, "epochs", lower_bound=0)
    flags.DEFINE_float("lr", 0.1, "learning rate")
    flags.DEFINE_boolean("fast", False, "go fast")
    flags.DEFINE_string("name", None, "a name")
    FLAGS = flags.FLAGS
    def main(argv):
        print("running", FLAGS.epochs, FLAGS.lr, argv[1:])
    if __name__ == "__main__":
        tf.app.run()
''')

#: TF 2.21's `python flagsprog.py --help` (absl's usage), on stdout
USAGE = """
       USAGE: flagsprog.py [flags]
flags:

flagsprog.py:
  --data_dir: where the data is
    (default: '/tmp/data')
  --epochs: epochs
    (default: '2')
    (a non-negative integer)
  --[no]fast: go fast
    (default: 'false')
  --layers: layer sizes
    (default: '64,32')
    (a comma separated list)
  --lr: learning rate
    (default: '0.1')
    (a number)
  --mode: <train|eval>: which mode
    (default: 'train')
  --name: a name
"""


@pytest.fixture
def program(tmp_path):
    path = tmp_path / "flagsprog.py"
    path.write_text(PROGRAM)
    return str(path)


@pytest.mark.parametrize("flag, tail", [("--help", "\nTry --helpfull to get a list of all flags.\n"),
                                        ("--helpfull", "")])
def test_help_prints_absls_usage_and_exits_1(program, capsys, flag, tail):
    with pytest.raises(SystemExit) as stopped:
        run_program(program, [flag])
    assert stopped.value.code == 1 and capsys.readouterr().out == USAGE + tail  # main never ran (TF1's --helpfull
    # goes on with absl's and TF's own flags, which symopt does not have)


def test_arguments_after_a_double_dash_are_the_programs(program, capsys):
    with pytest.raises(SystemExit):
        run_program(program, ["--epochs", "5", "--", "--lr=2"])
    assert capsys.readouterr().out == "running 5 0.1 ['--', '--lr=2']\n"  # TF 2.21
    with pytest.raises(SystemExit):
        run_program(program, ["-h"])  # not a help flag in TF1's app: the program runs
    assert capsys.readouterr().out == "running 2 0.1 ['-h']\n"
