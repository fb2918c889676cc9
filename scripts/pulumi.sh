#!/usr/bin/env bash
# Runs the Pulumi CLI fully offline: local file backend, fixed passphrase, no update check, no
# plugin downloads. Usage: scripts/pulumi.sh <pulumi args...> (run from the project directory).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$ROOT/.tools/bin:$PATH"
export PULUMI_HOME="${PULUMI_HOME:-$ROOT/.pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$ROOT/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-pulumi-cimi-local}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
mkdir -p "${PULUMI_BACKEND_URL#file://}"
exec pulumi "$@"
