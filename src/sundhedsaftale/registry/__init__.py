"""Registry: regions, municipalities and health clusters, kept in step with the reference data files."""
