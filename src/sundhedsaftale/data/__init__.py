"""Versioned data files: legal units, reference data and demo data. Each folder records its sources."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
