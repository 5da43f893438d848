#!/bin/sh
# scripts/deps.sh: install the Debian packages gigledger needs, if any are
# missing.  Idempotent: does nothing (and needs no network) when all are there.
# Usage: scripts/deps.sh [extra-package ...]
set -eu

PACKAGES="build-essential cmake pkg-config sqlite3 libsqlite3-dev libcsv-dev libglib2.0-dev
libjson-glib-dev libcmocka-dev python3 hledger ledger beancount valgrind $*"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
