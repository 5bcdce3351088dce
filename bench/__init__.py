"""Benchmarks for fieldapp on large, realistic generated databases (`python -m bench`)."""
