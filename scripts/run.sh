#!/usr/bin/env bash
# Installs what is missing, then starts the main job: the triage server, its console and a demo feeder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/triage demo "$@"
