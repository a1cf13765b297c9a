"""Benchmarks: network generator, loader, measurements (see ../shared/design/benchmark.md)."""
