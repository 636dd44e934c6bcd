"""Sundhedsstyrelsen's reviewer workspace: receipt, assessment review, information requests, decision, letters."""
