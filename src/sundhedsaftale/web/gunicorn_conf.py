"""gunicorn's settings for the container (``gunicorn --config python:sundhedsaftale.web.gunicorn_conf``).

Workers default to two per core; WEB_CONCURRENCY (gunicorn's own variable) sets another number. The access
log is one JSON object per line on standard output, like the platform's own log (docs/deploy.md).
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("SUNDHEDSAFTALE_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count())))
timeout = 60
graceful_timeout = 30
# The TLS proxy in front is the only client; it sets X-Forwarded-* (settings: SUNDHEDSAFTALE_BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("SUNDHEDSAFTALE_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "client": "%(h)s"}'
)
errorlog = "-"
