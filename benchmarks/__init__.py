"""Benchmarks of the dashboard (see docs/performance.md)."""
