"""The knowledge-sharing catalogue (issue 16, item 4; § 15, stk. 2, nr. 5; ADR 0048)."""
