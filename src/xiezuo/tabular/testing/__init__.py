"""Builders of files for the tests and the benchmarks (no Django, no database): what they
share so that a hostile file is made the same way wherever it is tried."""
