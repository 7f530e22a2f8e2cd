"""``python -m symopt.compat.v1 prog.py [args]``: run a TF1 program with symopt serving ``tensorflow``; an exception
it raises is printed as ``python prog.py`` prints it, from the program's own frames on (as ``symopt tf1``)."""

import sys

from ...cli import program_traceback
from .runner import main


def run_module() -> int:
    """The exit status of the program named first in ``sys.argv``; its uncaught exception shown, status 1."""
    try:
        return main()
    except Exception as error:  # noqa: BLE001 - shown as Python shows an uncaught exception, then exit 1
        sys.stderr.write(program_traceback(error, sys.argv[1]))
        return 1


sys.exit(run_module())
