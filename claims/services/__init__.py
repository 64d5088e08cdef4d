"""Orchestration with the ORM: the only layer that owns transactions."""
