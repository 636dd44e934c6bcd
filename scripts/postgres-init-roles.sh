#!/bin/sh
# Run once by the postgres image on a new data volume (/docker-entrypoint-initdb.d): the owner role, which
# owns the database and runs migrations, and the application role, which only reads and writes rows
# (its grants are given by `manage.py database_roles` after each migration). Neither is a superuser.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$SUNDHEDSAFTALE_OWNER_PASSWORD" -v app_password="$SUNDHEDSAFTALE_APP_PASSWORD" <<'SQL'
CREATE ROLE sundhedsaftale_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE sundhedsaftale_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
  PASSWORD :'app_password';
CREATE DATABASE sundhedsaftale OWNER sundhedsaftale_owner;
SQL
