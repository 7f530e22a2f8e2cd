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
