#!/usr/bin/env bash
# Installs xmllint (Debian's libxml2-utils), which internal/basket uses to
# validate its instance documents against the basket's schemas.
set -euo pipefail

if ! command -v xmllint >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends libxml2-utils
fi
xmllint --version 2>&1 | sed -n 1p # sed reads it all: head would end xmllint with SIGPIPE
