#!/usr/bin/env bash
# The one command that runs every test: `bash tests/run.sh [extra cargo test args]`.
# Installs what the tests need if it is missing (mosquitto and its
# command-line clients for the broker tests; dbus-daemon and gnome-keyring
# for the keyring tests, which run their own private ones; Noto Color Emoji
# for the colour emoji test), from the
# distribution's packages, then runs `cargo test --all-targets`. Safe to
# run again and again.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

have() {
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/local/sbin/$1" ]
}

missing=()
have mosquitto || missing+=(mosquitto)
if ! have mosquitto_pub || ! have mosquitto_sub; then
    missing+=(mosquitto-clients)
fi
have dbus-daemon || missing+=(dbus-daemon)
have gnome-keyring-daemon || missing+=(gnome-keyring)
# The screen-reader test (tests/a11y): the AT-SPI bus, its Python client,
# a virtual display and a way to press keys in it.
[ -x /usr/libexec/at-spi-bus-launcher ] || missing+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1 || missing+=(python3-pyatspi)
have Xvfb || missing+=(xvfb)
have xdotool || missing+=(xdotool)
have dbus-run-session || missing+=(dbus-daemon)
# Colour emoji (ui/fonts.rs): the test that Noto Color Emoji is found and
# drawn in colour (10 MB, one font file).
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)

if [ "${#missing[@]}" -gt 0 ]; then
    echo "tests/run.sh: installing ${missing[*]} (needed by the tests)" >&2
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "tests/run.sh: ${missing[*]} missing; install them as root:" >&2
        echo "  apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "tests/run.sh: no apt-get here; install ${missing[*]} with your package manager" >&2
        exit 1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cargo test --all-targets "$@"
# The real window's accessibility tree, read over AT-SPI as a screen reader
# does (about half a minute), with the binary the tests just built.
bash tests/a11y/run.sh target/debug/chirp
