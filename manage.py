#!/usr/bin/env python
"""Django's command-line utility for this project."""

from sundhedsaftale.web.manage import main

if __name__ == "__main__":
    main()
