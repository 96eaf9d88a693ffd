"""The default budget of one request, in a module of its own so that the settings can read it without loading
the schema (the command line starts faster)."""

DEFAULT_MAX_COST = 100_000
"""Objects one request may return unless PEELGRAPH_MAX_COST says otherwise (docs/reliability.md)."""
