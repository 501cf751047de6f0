#!/usr/bin/env bash
# The real window read as a screen reader reads it: starts a private
# D-Bus session with the AT-SPI bus, a virtual X display, a broker on a
# free loopback port and Chirp (with a few tweets arriving), then walks
# the accessibility tree over AT-SPI (tests/a11y/names.py). Fails on any
# button, checkbox, radio button, entry or combo box without a name that
# says what it does.
#
# usage: bash tests/a11y/run.sh [CHIRP_BINARY]   (default target/debug/chirp)
# Needs at-spi2-core, python3-pyatspi, xvfb and mosquitto (tests/run.sh
# installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bin=$(realpath "${1:-target/debug/chirp}")
tmp=$(mktemp -d)
cleanup() {
    if [ -n "${broker:-}" ]; then kill "$broker" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" >"$tmp/mosquitto.conf"
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
"$mosquitto_bin" -c "$tmp/mosquitto.conf" >"$tmp/mosquitto.log" 2>&1 &
broker=$!

mkdir -p "$tmp/config/chirp" "$tmp/data" "$tmp/run"
chmod 700 "$tmp/run"
cat >"$tmp/config/chirp/settings.json" <<JSON
{"username": "dana", "compose_tag": "rust",
 "hashtags": [{"tag": "rust", "followed": true}, {"tag": "garden", "followed": true},
              {"tag": "mqtt", "followed": false}],
 "people": [{"user": "erin", "followed": true}]}
JSON

export CHIRP_A11Y_BIN=$bin CHIRP_A11Y_PORT=$port CHIRP_A11Y_TMP=$tmp CHIRP_A11Y_BROKER=$broker
dbus-run-session -- bash tests/a11y/session.sh
