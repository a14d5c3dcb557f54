#!/usr/bin/env bash
# Debian packages the test suite uses: Chromium's headless shell for the end-to-end tests, the openssl CLI for interop
# checks and the OCSP responder, NIST PKITS and PKCS#12 vectors, slapd for the LDAP CDP case, pebble
# (ACME test CA) with bind9 + dnsutils (RFC 2136 dynamic updates with TSIG) for the ACME issuance tests, and
# PostgreSQL 15 for `npm run test:postgresql` (test/helpers/postgres.ts runs initdb/postgres in a temp dir, never the
# packaged cluster; as root it runs them as the system user certconsole-pg, created here).
set -euo pipefail
packages=(chromium-headless-shell openssl python3-cryptography-vectors slapd ldap-utils time pebble bind9 bind9-dnsutils postgresql-15)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#missing[@]} -ne 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The packaged cluster is not needed by the tests; they start their own.
if id -u certconsole-pg >/dev/null 2>&1; then :; else
  $SUDO useradd --system --no-create-home --shell /usr/sbin/nologin certconsole-pg
fi
