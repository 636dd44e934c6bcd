"""The law and the rulebook as pages: every provision by its citation, every rule in force on a date."""
