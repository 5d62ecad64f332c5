# PostgreSQL refuses to run as root: the server side runs as the postgres user then.
# Source this file; then `as_pg COMMAND…` runs COMMAND as postgres when root, else as is.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else "$@"; fi
}
