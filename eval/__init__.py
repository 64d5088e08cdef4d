"""Quality measured on real coverage: `make eval` (see eval/README.md).

Each section is a module of this package with `run(quick: bool) -> dict`: it
prints its figures beside a plain baseline computed in the same run and
returns them, so `python -m eval --json` can collect them.
"""
