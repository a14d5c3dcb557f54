#!/usr/bin/env bash
# Debian packages the test suite uses: Chromium for the end-to-end tests, the openssl CLI for interop
# checks and the OCSP responder, NIST PKITS and PKCS#12 vectors, slapd for the LDAP CDP case, and pebble
# (ACME test CA) with bind9 + dnsutils (RFC 2136 dynamic updates with TSIG) for the ACME issuance tests.
set -euo pipefail
packages=(chromium openssl python3-cryptography-vectors slapd ldap-utils time pebble bind9 bind9-dnsutils)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
