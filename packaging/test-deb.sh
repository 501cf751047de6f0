#!/usr/bin/env bash
# Tests the package as a person gets it: builds it (the debug build unless
# --release is given: CI has that build already), unpacks it into a temp
# root with dpkg-deb -x, validates the desktop file (desktop-file-validate)
# and the AppStream metainfo (appstreamcli validate --no-net), checks the
# icons, man page and completions, runs the unpacked binary, and starts it
# under Xvfb until its window is there. Installs the validators, Xvfb and
# xdotool when missing. Exits non-zero, saying what, on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "packaging/test-deb.sh: $*" >&2; }
fail() {
    say "FAILED: $*"
    exit 1
}

need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v xdotool >/dev/null || need+=(xdotool)
if ((${#need[@]})); then
    say "installing ${need[*]}"
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

case ${1:-} in
    --release) deb=$(bash packaging/deb.sh) ;;
    "") deb=$(bash packaging/deb.sh --debug) ;;
    *) fail "unknown argument $1 (try --release)" ;;
esac
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root/fs"
say "built $deb ($(du -h "$deb" | cut -f1)); Depends: $(dpkg-deb -f "$deb" Depends)"

desktop-file-validate "$root/fs/usr/share/applications/chirp.desktop" ||
    fail "desktop-file-validate"
[[ -z $(desktop-file-validate "$root/fs/usr/share/applications/chirp.desktop" 2>&1) ]] ||
    fail "desktop-file-validate has warnings"
appstreamcli validate --no-net "$root/fs/usr/share/metainfo/io.github.chirp_mqtt.Chirp.metainfo.xml" >&2 ||
    fail "appstreamcli validate"

for size in 16 24 32 48 64 128 256 512; do
    png="$root/fs/usr/share/icons/hicolor/${size}x${size}/apps/chirp.png"
    # A PNG's width and height are big-endian at bytes 16–23.
    read -r width height < <(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$png") ||
        fail "no ${size}px icon"
    [[ $width == "$size" && $height == "$size" ]] || fail "the ${size}px icon is ${width}x${height}"
done
[[ -s $root/fs/usr/share/icons/hicolor/scalable/apps/chirp.svg ]] || fail "no scalable icon"
zcat "$root/fs/usr/share/man/man1/chirp.1.gz" | grep -q '^\.TH chirp 1' || fail "man page"
for completion in bash-completion/completions/chirp zsh/vendor-completions/_chirp \
    fish/vendor_completions.d/chirp.fish; do
    grep -q chirp "$root/fs/usr/share/$completion" || fail "completion $completion"
done
"$root/fs/usr/bin/chirp" --version | grep -q '^chirp ' || fail "chirp --version"

# The unpacked binary opens its window (a throwaway home; a broker that is
# not there: the window shows offline).
export HOME=$root/home XDG_CONFIG_HOME=$root/home/config XDG_DATA_HOME=$root/home/data
export XDG_RUNTIME_DIR=$root/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" --broker mqtt://127.0.0.1:9 >"$2/app.log" 2>&1 &
    app=$!
    for _ in $(seq 300); do
        if xdotool search --onlyvisible --name "^Chirp" >/dev/null 2>&1; then
            kill $app; wait $app 2>/dev/null || true
            exit 0
        fi
        kill -0 $app 2>/dev/null || break
        sleep 0.1
    done
    kill $app 2>/dev/null || true
    cat "$2/app.log" >&2
    exit 1
' _ "$root/fs/usr/bin/chirp" "$root" || fail "the installed binary showed no window within 30 s"
say "ok: validators pass, icons 16–512 + SVG, man page, completions, and the window opens"
