"""Benchmarks: `python -m bench` prints one JSON object and writes bench/results.json.

Every figure is measured in the same run as its baseline, on this machine; see
bench/README.md for what each one means.
"""
