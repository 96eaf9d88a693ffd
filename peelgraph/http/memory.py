"""Handing the memory of a large answer back to the system."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import time

logger = logging.getLogger("peelgraph.api")

GIVE_BACK_AFTER_BYTES = 2 * 2**20
"""Answers this large have the memory they took handed back to the system; not smaller ones: a trim costs the
next requests about a millisecond each of pages taken back (measured on the deep query, 180 KB)."""


def give_back_memory(collect: bool) -> None:
    """Hand the memory a large answer used back to the system. The C allocator keeps freed memory for
    reuse, so a worker that once built a large answer would otherwise stay that large (measured: 2.3 GB
    after an attack, against 270 MB before). `collect`: first free the cycles Strawberry's execution leaves
    holding its answer's objects (about 30 ms; a direct answer leaves none)."""
    started = time.perf_counter()
    if collect:
        gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
    logger.debug("memory given back in %.1f ms", (time.perf_counter() - started) * 1000)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()
