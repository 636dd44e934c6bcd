"""Governance pages: one module per kind of record, each with its own ``urlpatterns``."""
