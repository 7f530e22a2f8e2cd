"""final47a2 47a2-8: the advice for a SymPy atom given as a TF1 value names what works: int(3) for an Integer (a
float would make TF1's float32, not its int32), a Python bool for sympy.true (not float(True)), no float(I) /
float(zoo) (they raise), and 'an Integer'.  TF 2.21 (tf.compat.v1, graph mode) refuses each with 'Failed to convert
elements of ... to Tensor'."""

import pytest
import sympy

import symopt.compat.v1 as tf


@pytest.mark.parametrize("atom, shown, advice", [
    (sympy.Integer(3), "3", "(an Integer) is no TF1 value; give a Python int, int(3)"),
    (sympy.true, "True", "SymPy truth value (a BooleanTrue) is no TF1 value; give a Python bool, True"),
    (sympy.I, "I", "(an ImaginaryUnit) is no TF1 value; give a real number"),
    (sympy.zoo, "zoo", "(a ComplexInfinity) is no TF1 value; give a real number"),
    (sympy.pi, "pi", "(a Pi) is no TF1 value; give a Python float, float(pi)"),
])
def test_sympy_atom_advice(atom, shown, advice):
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:
        tf.constant(atom)
    message = str(error.value)
    assert message.startswith(f"Failed to convert elements of {shown} to Tensor")  # TF 2.21's opening
    assert advice in message
    assert "float(I)" not in message and "float(zoo)" not in message and "float(True)" not in message
