"""Mirror of ``tensorflow.python.framework``: ``ops`` and ``dtypes``."""

from ... import dtypes  # noqa: F401
from . import ops  # noqa: F401
