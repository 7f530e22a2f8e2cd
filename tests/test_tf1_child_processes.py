"""``symopt tf1 prog.py`` where the program starts workers with ``multiprocessing``'s spawn or forkserver method
(probe6 P18): each worker imports the program again in a new interpreter; ``import tensorflow`` there raised
``ModuleNotFoundError`` in every worker and the ``Pool`` hung, replacing them forever.  The workers now import
``tensorflow`` from symopt as the parent does; a command that does not finish within the bound fails the test
as the hang it would be."""

import os
import pickle
import subprocess
import sys
from multiprocessing import spawn
from pathlib import Path

import pytest

from symopt.child_processes import PREPARATION_KEY, carried_into_children

ROOT = Path(__file__).resolve().parents[1]

#: probe6's program, with the start method as a parameter; the worker runs a TF1 session.
POOL_PROGRAM = '''
import multiprocessing as mp
import sys
import tensorflow as tf

def f(i):
    import tensorflow as tf2
    return float(tf2.Session().run(tf2.constant(1.0) * i))

if __name__ == "__main__":
    with mp.get_context(sys.argv[1]).Pool(2) as pool:
        print(pool.map(f, [1, 2]))
'''

#: A worker function from the program's own module next to it, run by a ProcessPoolExecutor and a Process.
HELPER = '''
import tensorflow.compat.v1 as tf

def square(v):
    with tf.Session() as session:
        return float(session.run(tf.square(tf.constant(float(v)))))
'''
EXECUTOR_PROGRAM = '''
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
import tensorflow.compat.v1 as tf
from helper import square

def put_square(queue, v):
    queue.put(square(v))

if __name__ == "__main__":
    context = mp.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as executor:
        print(list(executor.map(square, [2, 3])))
    queue = context.Queue()
    process = context.Process(target=put_square, args=(queue, 4))
    process.start()
    print(queue.get())
    process.join()
    print("exit status", process.exitcode)
'''


def _symopt_tf1(program: Path, *arguments: str, command=("symopt", "tf1")) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        return subprocess.run([sys.executable, "-m", *command, str(program), *arguments], capture_output=True,
                              text=True, timeout=300, env=environment, cwd=program.parent)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"symopt tf1 {program.name} {' '.join(arguments)} hung; stderr: {error.stderr}")


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_pool_of_spawned_workers_imports_tensorflow_from_symopt(tmp_path, method):
    program = tmp_path / "pool.py"
    program.write_text(POOL_PROGRAM)
    done = _symopt_tf1(program, method)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[1.0, 2.0]\n", "")


def test_the_module_entry_point_carries_the_finder_too(tmp_path):
    """``python -m symopt.compat.v1 prog.py`` (compat8's note: it still hung) runs the program the same way."""
    program = tmp_path / "pool.py"
    program.write_text(POOL_PROGRAM)
    done = _symopt_tf1(program, "spawn", command=("symopt.compat.v1",))
    assert (done.returncode, done.stdout, done.stderr) == (0, "[1.0, 2.0]\n", "")


def test_executor_and_process_workers_import_the_programs_own_modules(tmp_path):
    (tmp_path / "helper.py").write_text(HELPER)
    program = tmp_path / "executor.py"
    program.write_text(EXECUTOR_PROGRAM)
    done = _symopt_tf1(program)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[4.0, 9.0]\n16.0\nexit status 0\n", "")


class _Finder:
    """A finder that finds nothing (picklable: defined at module level)."""

    def find_spec(self, fullname, path=None, target=None):
        return None


def test_the_finder_is_carried_only_while_the_program_runs():
    original = spawn.get_preparation_data
    with carried_into_children(_Finder()):
        data = spawn.get_preparation_data("worker")
        assert pickle.loads(pickle.dumps(data[PREPARATION_KEY])) is None  # unpickling it installs the finder
    assert sum(isinstance(finder, _Finder) for finder in sys.meta_path) == 1
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _Finder)]
    assert spawn.get_preparation_data is original
    assert PREPARATION_KEY not in spawn.get_preparation_data("worker")
