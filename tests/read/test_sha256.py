"""The file's SHA-256 (:func:`yusuan.read.sha256_hex`): hashlib's, whichever implementation
hashes it (issue #17: a small file without importing hashlib)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from yusuan.read import SMALL, sha256_hex


@given(st.binary(max_size=4096))
def test_small_files_hash_as_hashlib_does(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_both_sides_of_the_size_limit_hash_as_hashlib_does() -> None:
    for size in (0, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        assert len(data) == size
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
