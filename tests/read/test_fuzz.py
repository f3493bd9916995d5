"""Fuzzed files give a clean outcome: a model or one InputError, within time (#13).

Hypothesis mutates the bytes of four real fixtures — the reference text export, a
real PDF, and the reference written as .docx and .xlsx (``support.builders``):
bit flips, truncation, splices (a slice of the file copied elsewhere, or a slice of
another fixture), and for the zip formats corruption of one member inside a zip
that is otherwise sound.  Every example must load or raise
:class:`~yusuan.errors.InputError`, never anything else, within :data:`SECONDS`;
a handful go through the real ``yusuan check`` (exit 0/1/2, no traceback, peak
memory under 1 GB).  ``bench/fuzz.py`` runs many more.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from support import hostile
from support.fuzz import fixture, mutated, outcome

SECONDS = 20  # per example, on a shared machine (a fixture loads in 0.3-1 s)


def _outcome(data: bytes, suffix: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{suffix}"
        path.write_bytes(data)
        result, seconds = outcome(path)
    assert seconds < SECONDS
    return result


_SETTINGS = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx", "xlsx"])
def test_fuzzed_file_loads_or_is_refused(kind: str) -> None:
    @_SETTINGS
    @given(mutated(kind))
    def run(data: bytes) -> None:
        assert _outcome(data, kind) in ("loaded", "refused")

    run()


@pytest.mark.parametrize("kind", ["txt", "docx", "xlsx"])
def test_fuzzed_file_through_the_real_cli(kind: str, tmp_path: Path) -> None:
    """A fixed mutation per format, through ``yusuan check``: a status, never a traceback."""
    data = bytearray(fixture(kind))
    for k in range(0, len(data), len(data) // 7):
        data[k] ^= 0x20
    path = tmp_path / f"fuzzed.{kind}"
    path.write_bytes(bytes(data))
    code, err, rss, seconds = hostile.measure(path)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    assert rss < 1024 and seconds < 60
