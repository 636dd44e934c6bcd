"""Governance: the bodies the order sets up, their members and meetings, and recorded local decisions."""
