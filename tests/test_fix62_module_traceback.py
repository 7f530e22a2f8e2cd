"""P64-10: ``python -m symopt.compat.v1 prog.py`` prints a program's uncaught exception as ``python prog.py`` does,
from the program's own frames on (as ``symopt tf1``), without runpy's and symopt's runner frames; exit status 1."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_module_run_shows_the_programs_frames_first(tmp_path):
    program = tmp_path / "raiser.py"
    program.write_text("import tensorflow as tf\n\n\ndef f():\n    raise RuntimeError('from the program')\n\n\nf()\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "symopt.compat.v1", str(program)], capture_output=True, text=True,
                          env=environment, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith(f'  File "{program}", line 8')
    assert "runpy" not in done.stderr and "runner.py" not in done.stderr
    assert lines[-1] == "RuntimeError: from the program"


def test_module_run_keeps_a_chained_exceptions_cause_and_context(tmp_path):
    program = tmp_path / "chained.py"
    program.write_text("import tensorflow as tf\n\ntry:\n    {}['k']\nexcept KeyError as error:\n"
                       "    raise ValueError('wrapped') from error\n")
    context = tmp_path / "context.py"
    context.write_text("try:\n    1 / 0\nexcept ZeroDivisionError:\n    undefined_name\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    for path, key, joint, last in [
            (program, "KeyError: 'k'", "The above exception was the direct cause of the following exception:",
             "ValueError: wrapped"),
            (context, "ZeroDivisionError: division by zero",
             "During handling of the above exception, another exception occurred:",
             "NameError: name 'undefined_name' is not defined")]:
        done = subprocess.run([sys.executable, "-m", "symopt.compat.v1", str(path)], capture_output=True, text=True,
                              env=environment, timeout=120)
        lines = done.stderr.splitlines()  # as python prog.py prints them (F42e-11)
        assert done.returncode == 1 and lines[0] == "Traceback (most recent call last):"
        assert key in lines and joint in lines and lines[-1] == last
        assert lines.index(key) < lines.index(joint) and "runpy" not in done.stderr
