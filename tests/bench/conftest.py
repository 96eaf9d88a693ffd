"""The generator's tests parse what it makes, with the parser tests' fixtures."""

from tests.loaders.conftest import parse, seed, seed_path, seed_text

__all__ = ["parse", "seed", "seed_path", "seed_text"]
