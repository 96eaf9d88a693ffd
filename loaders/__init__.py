"""Report text and reference tables into typed documents; the parser runs compiled where built (compiled.py)."""

from peelgraph.loaders.compiled import choose

choose(__path__)
