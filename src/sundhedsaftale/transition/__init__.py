"""The transition of a region's people, organisations and open work to the 2027 structure (ADR 0029)."""
