"""The disk cache's directory and entries are trusted as the docs promise (probe34 P34-7): a directory another user
owns is refused, an entry another user can write or owns is ignored and rebuilt; ``cache_dir=""`` means no disk
cache, as an empty ``$SYMOPT_CACHE_DIR`` does (probe34 P34-10)."""

from __future__ import annotations

import os

import pytest

import symopt
from symopt import disk_cache
from symopt.errors import ConfigurationError

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no users on this system")


def model():
    w = symopt.Variable("w", 0.0)
    return (w - 1)**2, w


@pytest.fixture
def directory(tmp_path):
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    return path


def test_a_directory_another_user_owns_is_refused(directory, monkeypatch):
    me = os.geteuid()
    monkeypatch.setattr(disk_cache.os, "geteuid", lambda: me + 1)
    with pytest.raises(ConfigurationError, match=r"owned by another user .*directory of your own"):
        symopt.compile(*model(), cache_dir=directory)
    assert not list(directory.iterdir())


@pytest.mark.parametrize("damage", ["group writable", "another owner"])
def test_an_untrusted_entry_is_ignored_and_rebuilt(directory, monkeypatch, damage):
    symopt.compile(*model(), cache_dir=directory)
    (entry,) = directory.iterdir()
    if damage == "group writable":
        entry.chmod(0o666)
    else:
        real = os.fstat
        monkeypatch.setattr(disk_cache.os, "fstat", lambda fd: os.stat_result(
            (*real(fd)[:4], real(fd).st_uid + 1, *real(fd)[5:])))
    before = dict(disk_cache.STATS)
    function = symopt.compile(*model(), cache_dir=directory)
    assert disk_cache.STATS["hits"] == before["hits"] and disk_cache.STATS["rejected"] == before["rejected"] + 1
    assert function(3.0)[0] == pytest.approx(4.0)  # (3 - 1)**2, built again
    monkeypatch.undo()
    assert not entry.stat().st_mode & 0o022  # rewritten by this user, writable by no other


def test_an_empty_cache_dir_means_no_disk_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(disk_cache.ENVIRONMENT_VARIABLE, raising=False)
    before = dict(disk_cache.STATS)
    assert symopt.compile(*model(), cache_dir="")(3.0)[0] == pytest.approx(4.0)
    assert symopt.minimize(*model(), steps=3, cache_dir="").steps == 3
    assert disk_cache.STATS == before and not list(tmp_path.iterdir())


def test_a_blank_cache_dir_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigurationError, match=r"given only blanks.*no disk cache"):
        symopt.compile(*model(), cache_dir=" ")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_a_leading_tilde_is_the_home_directory(tmp_path, monkeypatch, how):
    """``~/cache`` is under ``$HOME``, as a shell reads it, not a directory named ``~`` in the working directory."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(mode=0o700)
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    if how == "environment":
        monkeypatch.setenv("SYMOPT_CACHE_DIR", "~/symopt-cache")
        symopt.compile(*model())
    else:
        symopt.compile(*model(), cache_dir="~/symopt-cache")
    assert list((home / "symopt-cache").iterdir())
    assert not (work / "~").exists()


def test_a_tilde_of_no_user_is_a_configuration_error():
    """``~nosuchuser/cache`` names no home directory: a ConfigurationError naming the path, not pathlib's bare
    RuntimeError (final37 F37-4)."""
    with pytest.raises(ConfigurationError, match=r"~nosuchuser-symopt/cache.*names no home directory"):
        symopt.compile(*model(), cache_dir="~nosuchuser-symopt/cache")
