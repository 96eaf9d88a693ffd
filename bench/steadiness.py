"""How steady this machine is for a parse: blocks of parses alternate with blocks of a C-only loop (SHA-256).

Both are timed by this process's CPU time. Where the parse blocks slow down and the hash blocks beside them
do not, the machine is slowing work that reads memory scattered over megabytes (as when other machines'
work shares the processor's caches), not descheduling this process: `bench/parse.py` figures taken then
are the machine's, not the code's (docs/benchmarks.md, "Compiled with mypyc").

Example: python bench/steadiness.py --blocks 60
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections.abc import Callable

from parse import SEED_REPORT, parse_bytes

SLOW = 1.25
"""A block this many times its kind's fastest is slow."""


def block_ms(step: Callable[[], object], size: int) -> float:
    start = time.process_time()
    for _ in range(size):
        step()
    return (time.process_time() - start) / size * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blocks", type=int, default=60, help="blocks of each kind (default 60)")
    parser.add_argument("--size", type=int, default=10, help="runs in a block (default 10)")
    arguments = parser.parse_args()
    data, source, blob = SEED_REPORT.read_bytes(), str(SEED_REPORT), b"x" * 600_000
    parse_bytes(data, source)
    rows = [
        (block_ms(lambda: parse_bytes(data, source), arguments.size),
         block_ms(lambda: hashlib.sha256(blob).digest(), arguments.size))
        for _ in range(arguments.blocks)
    ]  # fmt: skip
    parses, hashes = [p for p, _ in rows], [h for _, h in rows]
    fastest_parse, fastest_hash = min(parses), min(hashes)
    slow = [(p / fastest_parse, h / fastest_hash) for p, h in rows if p > SLOW * fastest_parse]
    print(f"parse ms:  fastest {fastest_parse:.2f}  median {statistics.median(parses):.2f}  slowest {max(parses):.2f}")
    print(f"sha256 ms: fastest {fastest_hash:.3f}  median {statistics.median(hashes):.3f}  slowest {max(hashes):.3f}")
    slow_parse = statistics.median([p for p, _ in slow]) if slow else 1.0
    slow_hash = statistics.median([h for _, h in slow]) if slow else 1.0
    print(f"slow parse blocks (over {SLOW}x the fastest): {len(slow)} of {len(rows)}, at {slow_parse:.2f}x; "
          f"the hash blocks beside them at {slow_hash:.2f}x")  # fmt: skip
    print(
        f"summary: parse_ms_fastest={fastest_parse:.2f} parse_ms_median={statistics.median(parses):.2f} "
        f"slow_blocks={len(slow)} of={len(rows)} slow_parse_x={slow_parse:.2f} slow_hash_x={slow_hash:.2f}"
    )


if __name__ == "__main__":
    main()
