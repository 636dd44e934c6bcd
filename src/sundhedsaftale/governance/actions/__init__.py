"""Writing governance data: one module per kind of record; each action owns its transaction and audit row."""
