"""Health agreements: the agreement, its submissions to Sundhedsstyrelsen and the authority's decisions."""
