#!/usr/bin/env bash
# Installs the MIT Kerberos KDC and tools (Debian's krb5-kdc,
# krb5-admin-server, krb5-user) that TestNegotiateKDC starts in a temporary
# realm. Does nothing when they are already installed.
set -euo pipefail

missing=()
for pair in krb5kdc:krb5-kdc kdb5_util:krb5-kdc kadmin.local:krb5-admin-server kinit:krb5-user; do
	bin="${pair%%:*}"
	pkg="${pair#*:}"
	if ! command -v "$bin" >/dev/null && ! [ -x "/usr/sbin/$bin" ]; then
		missing+=("$pkg")
	fi
done
if [ "${#missing[@]}" -eq 0 ]; then
	exit 0
fi
# The packages ask for a default realm and servers; the answers are not used
# (the test writes its own krb5.conf and kdc.conf in a temporary directory).
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends krb5-kdc krb5-admin-server krb5-user
