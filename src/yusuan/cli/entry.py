"""The console script ``yusuan`` (and ``python -m yusuan``): a check starts without Typer.

``yusuan check FILE …`` with nothing but file names (the commonest command, and the one a user
waits for) goes straight to :func:`yusuan.cli.checking.run`, which is what the Typer verb
calls with its defaults: the same report, messages and exit status, without importing Typer,
its Click and pydantic's Typer adapters (about a sixth of the command's start-up). Anything else —
an option, ``--help``, a name starting with ``-``, no file, shell completion — goes to the
Typer app (:func:`yusuan.cli.registry.main`), which parses, explains and refuses as it always
has.

Start-up also: the collector is paused while the library is imported and its objects are
frozen (:func:`gc.freeze`), so later collections do not walk them; and pydantic's plugin
scan (reading every installed package's entry points) is skipped unless
``PYDANTIC_DISABLE_PLUGINS`` is set, as pydantic documents (set it empty to load them).
"""

from __future__ import annotations

import errno
import gc
import os
import sys


def plain_check(args: list[str]) -> list[str] | None:
    """The files of ``check FILE …`` when ``args`` hold nothing else, else ``None``.

    A file name that is empty or starts with ``-`` (an option, ``--``, ``-`` for stdin), or
    an argument Python could not decode, leaves the command to Click's parser; so does Windows,
    where Click expands wildcards (``*.pdf``) in the arguments itself."""
    if len(args) < 2 or args[0] != "check" or os.name == "nt":
        return None
    files = args[1:]
    for name in files:
        if not name or name.startswith("-") or not _decodable(name):
            return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # a shell asks Click to complete the command line
    return files


def _decodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # surrogate escapes of undecodable bytes
        return False
    return True


def main() -> None:
    """Run ``yusuan`` with ``sys.argv``: a plain check directly, anything else through Typer."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    files = plain_check(sys.argv[1:])
    if files is None:
        from yusuan.cli.registry import main as typer_main

        typer_main()
        return
    sys.exit(check_files(files))


def check_files(files: list[str]) -> int:
    """``yusuan check FILE …`` with the verb's defaults; the exit status, as Typer's main gives it
    (130 on Ctrl-C, 1 when the reader of standard output went away)."""
    try:
        gc.disable()
        try:
            import yusuan.api
            import yusuan.check  # noqa: F401  (imported here: their objects are frozen below)
        finally:
            gc.freeze()
            gc.enable()
        from yusuan.cli.checking import run

        return run(files)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _quiet_stdout()
        return 1


def _quiet_stdout() -> None:
    """After a broken pipe: what is left in standard output's buffer goes nowhere, silently."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(devnull)
