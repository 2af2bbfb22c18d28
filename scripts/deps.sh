#!/bin/sh
# Installs the Debian packages allo needs to build and test, only those missing.
# Idempotent: when everything is present it prints nothing and changes nothing.
set -e
PKGS="gcc make pkg-config libc6-dev libncurses-dev libsqlite3-dev libyaml-dev
sqlite3 clang libclang-rt-dev tmux mandoc tzdata libreadstat-dev readstat libxml2-dev
libxml2-utils man-db openssl python3 r-cran-haven pspp"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: missing packages:$missing; run as root or install them" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
