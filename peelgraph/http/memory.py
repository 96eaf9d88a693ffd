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


YOUNG_COLLECTION_AFTER = 10_000
"""Objects allocated (net) before the cyclic garbage collector looks at the young ones: Python's 700 has it run ten
times for one answer of all_forces (its 7,000 decoded objects), and the objects of the requests in flight it finds
alive are moved on to the older generations, which are then searched again and again."""


def settle_heap() -> None:
    """Once a worker has started: what start-up made (the schema, its types, the modules: about 90,000 objects
    that live as long as the process) is frozen out of the garbage collector's searches, and young objects are
    collected less often. Without it, each full collection, which the decoded answers of large requests bring
    about every few requests, walks the whole schema again: measured in-process on all_forces, the collector
    took 5.1 ms of the request's 12.9 ms of CPU, and 0.65 of 7.5 ms after this."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, *gc.get_threshold()[1:])


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
