"""Benchmarks: network generator, loader, measurements (docs/benchmarks.md)."""
