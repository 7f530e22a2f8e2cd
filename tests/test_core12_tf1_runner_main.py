"""probe15 Y13: `symopt tf1 path/prog.py` gave the program a relative __file__ (and __package__ '', __builtins__ a
dict, sys.modules["__main__"].__file__ relative), where `python path/prog.py` gives the absolute path: a program
that changes directory and then reads the files next to itself failed.  The runner now matches python: the same
program prints the same values under both."""

import json
import os
import subprocess
import sys

PROGRAM = '''
import json, os, sys
here = os.path.dirname(__file__)
os.chdir(os.path.join(here, ".."))  # the data path is built after a chdir
with open(os.path.join(here, "data.txt")) as f:
    data = f.read().strip()
main = sys.modules["__main__"]
print(json.dumps({"file": __file__, "argv": sys.argv, "path0": sys.path[0], "name": __name__,
                  "main_is_me": main.__dict__ is globals(), "main_file": getattr(main, "__file__", None),
                  "package": __package__, "spec": repr(__spec__), "builtins": type(__builtins__).__name__,
                  "loader": type(__loader__).__name__, "cached": __cached__, "globals": sorted(globals()),
                  "data": data}))
'''


def _run(command, folder):
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([os.getcwd(), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_program_sees_what_python_gives_it(tmp_path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "train.py").write_text(PROGRAM)
    (tmp_path / "proj" / "data.txt").write_text("hello\n")
    python = _run([sys.executable, "proj/train.py", "--lr", "0.1"], tmp_path)
    symopt = _run([sys.executable, "-m", "symopt", "tf1", "proj/train.py", "--lr", "0.1"], tmp_path)
    assert python["file"] == str(tmp_path / "proj" / "train.py") and python["argv"][0] == "proj/train.py"
    assert symopt == python


def test_a_traceback_names_the_absolute_file_as_python_does(tmp_path):
    (tmp_path / "bad.py").write_text("x = 1\nraise ValueError('no data')\n")
    python = subprocess.run([sys.executable, "bad.py"], cwd=tmp_path, capture_output=True, text=True)
    symopt = subprocess.run([sys.executable, "-m", "symopt", "tf1", "bad.py"], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert symopt.returncode == python.returncode == 1
    assert symopt.stderr == python.stderr
