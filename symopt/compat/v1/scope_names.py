"""TF1's rule for the names a program gives its ops and scopes (``tf.get_variable('w b')`` is refused as TF1 refuses
it, naming the program's name, before any op is built: review final44e F44e-12)."""

from __future__ import annotations

import re

from ...errors import ConfigurationError

__all__ = ["ROOT_SCOPE_NAME", "SCOPE_NAME", "check_scope_name", "check_node_name"]

#: A name at the top level (TF1's ``_VALID_OP_NAME_REGEX``): it cannot start with ``_``, ``-``, ``/`` or ``>``.
ROOT_SCOPE_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
#: A name inside a name scope (TF1's ``_VALID_SCOPE_NAME_REGEX``).
SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


def check_scope_name(name: str, root: bool) -> None:
    """TF1's ``ValueError`` for a ``name`` it refuses at the top level (``root``) or inside a scope."""
    pattern = ROOT_SCOPE_NAME if root else SCOPE_NAME
    if pattern.match(name):
        return
    kind = "root scope" if root else "scope"
    suggestion = re.sub(r"[^A-Za-z0-9_.\\/>-]", "_", name)
    if root and not ROOT_SCOPE_NAME.match(suggestion):
        suggestion = f"x{suggestion}"
    raise ConfigurationError(f"'{name}' is not a valid {kind} name. A {kind} name has to match the following "
                             f"pattern: {pattern.pattern} (name it, e.g., '{suggestion}': letters, digits and . _ - / "
                             f"> \\ only{', not starting with _ - / >' if root else ''})")


def check_node_name(name: str, scope: str = "") -> None:
    """TF1's ``ValueError`` for a constant's ``name`` that is no node name: one holding a ``:``
    (``tf.constant(1.0, name='a:0')``: ``a:0`` is the name of its output tensor, not of an op), or starting with
    ``_`` at the top level (46b-11); ``scope`` the current name scope (TF1 names ``s/a:0``, takes ``s/_a``)."""
    if (SCOPE_NAME if scope else ROOT_SCOPE_NAME).match(name):
        return
    full = f"{scope}/{name}" if scope else name
    why = "a tensor's name is its op's name and ':0'" if ":" in name else "letters, digits and . _ - / > \\ only, " \
        "not starting with _ - / >"
    suggestion = re.sub(r"[^A-Za-z0-9_.\\/>-]", "_", name.split(":")[0]).lstrip("_-/>") or "x"
    raise ConfigurationError(f"`{full}` is not a valid node name. Accepted names conform to Regex "
                             f"/re.compile('{ROOT_SCOPE_NAME.pattern}')/ ({why}; name the op, e.g., '{suggestion}')")
