#!/usr/bin/env bash
# Offline validation of Deploy/: Kubernetes manifests, compose.yaml, the
# Dockerfile, the nginx configuration, the systemd unit and the env examples.
# Needs python3 (with venv), openssl and systemd-analyze (Debian's systemd);
# installs, once, pinned PyPI packages into .eenloket/deploy-venv and an nginx
# binary unpacked from Debian's package (not installed system-wide, so no
# service is started). No container engine, cluster or other network is used.
#
#   bash Deploy/validate/validate.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$ROOT/.eenloket/deploy-venv"
REQ="$HERE/requirements.txt"
PYTHON="${PYTHON:-python3}"

# Python tools, reinstalled when requirements.txt changes.
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQ" "$VENV/.requirements.txt"; then
  echo "Installing the validation tools into ${VENV#"$ROOT"/} …"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQ"
  cp "$REQ" "$VENV/.requirements.txt"
fi

# nginx for `nginx -t` and the live check: the system's when installed,
# otherwise Debian's package unpacked into the venv.
NGINX="$(command -v nginx || true)"
if [ -z "$NGINX" ]; then
  NGINX="$VENV/nginx/usr/sbin/nginx"
  if [ ! -x "$NGINX" ]; then
    echo "Unpacking Debian's nginx package into ${VENV#"$ROOT"/}/nginx …"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    if ! (cd "$tmp" && apt-get download -qq nginx >/dev/null 2>&1); then
      apt-get update -qq >/dev/null
      (cd "$tmp" && apt-get download -qq nginx >/dev/null 2>&1)
    fi
    dpkg-deb -x "$tmp"/nginx_*.deb "$VENV/nginx"
  fi
fi

for tool in openssl systemd-analyze; do
  command -v "$tool" >/dev/null || { echo "validate.sh: $tool is missing (Debian: apt-get install $tool)" >&2; exit 1; }
done

exec "$VENV/bin/python" "$HERE/validate_deploy.py" --nginx "$NGINX" --hadolint "$VENV/bin/hadolint" "$@"
