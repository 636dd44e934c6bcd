"""sundhedsaftale: the Danish cross-sectoral health governance system as software.

The framework-free core lives in :mod:`sundhedsaftale.core`; the Django project around it in
:mod:`sundhedsaftale.web`; the command line in :mod:`sundhedsaftale.cli`.
"""

__version__ = "0.1.0"
