# The production image (docs/deploy.md): gunicorn with the production settings, static files collected and
# served by WhiteNoise, running as an unprivileged user. Build: docker build -t sundhedsaftale .

# 1. Front-end assets (DKFDS, htmx) from npm, copied into the package's static folder.
FROM node:20-bookworm-slim AS assets
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json frontend/build.mjs ./
RUN npm ci --no-audit --no-fund --loglevel=error
RUN npm run --silent build

# 2. The package and its dependencies in a virtualenv, with compiled translations.
FROM python:3.11-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY --from=assets /src/src/sundhedsaftale/web/static/vendor ./src/sundhedsaftale/web/static/vendor
RUN msgfmt --check -o src/sundhedsaftale/locale/en/LC_MESSAGES/django.mo src/sundhedsaftale/locale/en/LC_MESSAGES/django.po
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir .

# 3. The runtime: WeasyPrint's Pango and a font for the PDF letters, the virtualenv, nothing to build with.
FROM python:3.11-slim-bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sundhedsaftale
COPY --from=build /opt/venv /opt/venv
COPY scripts/docker-entrypoint.sh /usr/local/bin/sundhedsaftale-entrypoint
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=sundhedsaftale.web.settings \
    SUNDHEDSAFTALE_ENV=production \
    SUNDHEDSAFTALE_VAR_DIR=/app/var
WORKDIR /app
# Static files are collected into the image (a build-only key: nothing is signed with it).
RUN SUNDHEDSAFTALE_SECRET_KEY=collectstatic-at-build-time-only-never-used-to-sign-anything \
    SUNDHEDSAFTALE_ALLOWED_HOSTS=build \
    python -m sundhedsaftale.web.manage collectstatic --noinput -v 0 \
    && mkdir -p /app/var/media && chown -R sundhedsaftale /app/var/media
USER sundhedsaftale
VOLUME ["/app/var/media"]
EXPOSE 8000
# The probe speaks plain HTTP on loopback (exempt from the HTTPS redirect) with the first allowed host name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD python -c "import os, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': os.environ['SUNDHEDSAFTALE_ALLOWED_HOSTS'].split(',')[0]}), timeout=4)"
ENTRYPOINT ["sundhedsaftale-entrypoint"]
CMD ["serve"]
