#!/usr/bin/env bash
# Installs the third-party EWS clients the interop tests drive:
# exchangelib (Debian package, for /usr/bin/python3) and ews-javascript-api
# (npm, pinned by interop/testdata/js/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

if ! /usr/bin/python3 -c 'import exchangelib' 2>/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends python3-exchangelib
fi

if ! command -v npm >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends nodejs npm
fi
(cd testdata/js && npm ci --no-audit --no-fund)
