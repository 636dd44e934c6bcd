"""Hearing rounds that collect answers (§ 29, stk. 2; § 27, stk. 3; § 22, stk. 2; ADR 0036): the round on a document,
its addressees, their answers, the secretariat's dispositions and the høringsnotat."""
