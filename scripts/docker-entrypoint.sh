#!/bin/sh
# The container's commands (docs/deploy.md):
#   serve    gunicorn with the production settings (the default)
#   migrate  migrations as the owner role (DATABASE_MIGRATE_URL), then the application role's grants
#   other    any management command, as the application role (e.g. setup_demo, createsuperuser)
set -eu
manage="python -m sundhedsaftale.web.manage"

case "${1:-serve}" in
  serve)
    exec gunicorn sundhedsaftale.web.wsgi --config python:sundhedsaftale.web.gunicorn_conf
    ;;
  migrate)
    : "${DATABASE_MIGRATE_URL:?DATABASE_MIGRATE_URL skal pege på databasen som tabellernes ejer}"
    DATABASE_URL="$DATABASE_MIGRATE_URL" $manage migrate --noinput
    if [ -n "${SUNDHEDSAFTALE_APP_ROLE:-}" ]; then
      DATABASE_URL="$DATABASE_MIGRATE_URL" $manage database_roles --app-role "$SUNDHEDSAFTALE_APP_ROLE"
    fi
    ;;
  *)
    exec $manage "$@"
    ;;
esac
