"""``python -m symopt.compat.v1 prog.py [args]``: run a TF1 program with symopt serving ``tensorflow``."""

import sys

from .runner import main

sys.exit(main())
