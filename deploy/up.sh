#!/usr/bin/env bash
# One command for the replicated setup: REPLICAS app servers behind nginx on 127.0.0.1:PORT.
#   bash deploy/up.sh            # 2 replicas on port 8080
#   REPLICAS=4 PORT=9000 bash deploy/up.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec docker compose -f deploy/compose.yaml up --build --wait "$@"
