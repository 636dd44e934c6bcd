"""The public record: what has been published by an explicit, audited act, shown without login (ADR 0042)."""
