"""Reminders that reach people by e-mail: deadlines approaching and passed, meetings planned and cancelled, and
(a hook for) hearings; each user's choice of kinds; a sent-log that makes every reminder go out once (ADR 0034)."""
