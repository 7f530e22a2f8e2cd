"""The default session: TF1's stack of sessions that ``tensor.eval()``, ``operation.run()`` and ``variable.load()``
use when given none (``with sess.as_default():``, ``with tf.Session() as sess:``, an ``InteractiveSession``), one stack
per thread, as TF1's (a server's request threads each have their own)."""

from __future__ import annotations

import threading

__all__ = ["default_sessions", "get_default_session", "session_for", "clear_default_sessions", "DefaultContext"]

_local = threading.local()  # this thread's default sessions


def default_sessions() -> list:
    """This thread's default sessions, the innermost last."""
    stack = getattr(_local, "sessions", None)
    if stack is None:
        stack = _local.sessions = []
    return stack


_NO_DEFAULT = {
    "eval": "Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` "
            "or pass an explicit session to `eval(session=sess)`",
    "run": "Cannot execute operation using `run()`: No default session is registered. Use `with sess.as_default():` "
           "or pass an explicit session to `run(session=sess)`",
    "load": "Either session argument should be provided or default session should be established",
}


def get_default_session():
    """The innermost default session (``with sess.as_default():``, an ``InteractiveSession``), or ``None`` when
    there is none, as TF1 (``sess = tf.get_default_session() or tf.Session()``)."""
    stack = default_sessions()
    return stack[-1] if stack else None


def session_for(session, action: str = "eval"):
    """``session``, else the default session; with neither, TF1's ``ValueError`` for ``action`` (``"eval"``,
    ``"run"`` or ``"load"``)."""
    session = session or get_default_session()
    if session is None:
        raise ValueError(_NO_DEFAULT[action])
    return session


def clear_default_sessions() -> None:
    """Forget this thread's default sessions (a new program starts)."""
    default_sessions().clear()


class DefaultContext:
    """``sess.as_default()``: the session is the default one inside the ``with`` block."""

    def __init__(self, session):
        self.session = session

    def __enter__(self):
        default_sessions().append(self.session)
        return self.session

    def __exit__(self, *exc):
        default_sessions().remove(self.session)
