"""``tf.io`` (TF 1.13+): ``tf.io.gfile``, :mod:`~symopt.compat.v1.gfile`'s local file helpers under their newer,
lowercase names (``tf.io.gfile.exists``, ``makedirs``, ``rmtree``, ``GFile``, ...)."""

from __future__ import annotations

import os
from types import SimpleNamespace

from . import gfile as tf1_gfile
from .errors import missing_attributes, missing_names

__all__ = ["gfile"]


class _Gfile(SimpleNamespace):
    """``tf.io.gfile``'s names; one symopt lacks is a typed refusal naming it."""

    __getattr__ = missing_attributes("tf.io.gfile")


#: ``tf.io.gfile``: each name TF 1.13+ gives one of ``tf.gfile``'s helpers, and ``join`` (``os.path.join``).
gfile = _Gfile(
    exists=tf1_gfile.Exists, isdir=tf1_gfile.IsDirectory, makedirs=tf1_gfile.MakeDirs, mkdir=tf1_gfile.MkDir,
    rmtree=tf1_gfile.DeleteRecursively, remove=tf1_gfile.Remove, rename=tf1_gfile.Rename, copy=tf1_gfile.Copy,
    listdir=tf1_gfile.ListDirectory, glob=tf1_gfile.Glob, walk=tf1_gfile.Walk, stat=tf1_gfile.Stat,
    GFile=tf1_gfile.GFile, join=os.path.join)

__getattr__ = missing_names("tf.io")
__path__: list = []  # `from tensorflow.io import <a name symopt lacks>` is refused by runner.py's importer
