"""Follow-up on an approved agreement: the yearly review and the midterm and final status (§ 22, stk. 1; kapitel 6)."""
