"""A name TF1 refuses is reported against the program's own name, as TF1 reports it (review final44e F44e-12).

Expected messages: TensorFlow 2.21 ``tf.compat.v1`` (graph mode): each call raises ``ValueError`` whose text starts
with the quoted line below (TF's ``tf.constant(1.0, name='c 1')`` words it as a node name instead; symopt gives the
scope wording there too).  Names TF accepts (``w.b``, ``w-b``, ``_x`` inside a scope) still build.
"""

import pytest

import symopt.compat.v1 as tf

ROOT = "is not a valid root scope name. A root scope name has to match the following pattern: " \
       r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$"
REFUSED = {  # build -> the name TF 2.21 quotes
    "get_variable": (lambda: tf.get_variable("w b", [2]), "w b"),
    "Variable": (lambda: tf.Variable(0.0, name="my w"), "my w"),
    "placeholder": (lambda: tf.placeholder(tf.float32, name="x input"), "x input"),
    "leading dash": (lambda: tf.get_variable("-w", [2]), "-w"),
    "name_scope": (lambda: tf.name_scope("a b").__enter__(), "a b"),
    "add": (lambda: tf.add(1.0, 2.0, name="s p"), "s p"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_name_is_the_programs(case):
    build, name = REFUSED[case]
    tf.reset_default_graph()
    with pytest.raises(ValueError) as raised:
        build()
    assert str(raised.value).startswith(f"'{name}' {ROOT}")
    assert "Initializer" not in str(raised.value)
    assert tf.get_default_graph().get_operations() == []  # refused before anything is built


def test_inside_a_scope_the_scope_rule():
    tf.reset_default_graph()
    with tf.variable_scope("ok"):
        with pytest.raises(ValueError, match=r"^'ok/v w' is not a valid root scope name"):
            tf.get_variable("v w", [2])
    with tf.name_scope("outer"):
        with pytest.raises(ValueError, match=r"^'a b' is not a valid scope name. A scope name has to match"):
            tf.add(1.0, 2.0, name="a b")
        assert tf.add(1.0, 2.0, name="_x").name == "outer/_x:0"


def test_names_tf1_accepts_still_build():
    tf.reset_default_graph()
    assert [tf.get_variable(n, [2]).name for n in ("w.b", "w-b")] == ["w.b:0", "w-b:0"]
