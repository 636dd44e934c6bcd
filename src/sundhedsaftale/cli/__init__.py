"""The ``sundhedsaftale`` command line: thin commands over the core (no database needed)."""
