"""Governance forms, one module per kind of record."""
