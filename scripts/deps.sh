#!/usr/bin/env bash
# Install the Debian packages passim needs to build, run and test, if any
# are missing. Runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libxapian-dev xapian-tools libstemmer-dev zlib1g-dev
  libutf8proc-dev libcmocka-dev libjansson-dev
  jq xz-utils gzip
  xapian-omega sqlite3 libsqlite3-dev gnuplot-nox
  lighttpd curl chromium fonts-dejavu-core wrk
  strace util-linux
)
if [ "${1:-}" = "--test" ]; then
  shift
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
