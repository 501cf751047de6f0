#!/usr/bin/env bash
# Builds the Debian package: target/debian/chirp_<version>_<arch>.deb.
#
#   bash packaging/deb.sh            # from a release build (what to install)
#   bash packaging/deb.sh --debug    # from the debug build (what CI tests)
#
# What is in it: /usr/bin/chirp; chirp.desktop; icons in hicolor 16–512 px,
# rendered from assets/icon.svg at build time, plus the SVG as `scalable`;
# the AppStream metainfo; the man page chirp.1 and bash/zsh/fish
# completions, made by the binary itself (`chirp generate`, from clap).
# Depends: what dpkg-shlibdeps finds the binary linked against (what
# cargo-deb's $auto computes), plus the libraries the window loads at run
# time (GL, X11/Wayland, xkbcommon), which no linker sees. Recommends:
# Noto Color Emoji, for emoji in colour (ui/fonts.rs; monochrome without).
# Installs dpkg-dev and librsvg2-bin when missing; needs no network
# otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=release
case ${1:-} in
    --debug) profile=debug ;;
    "") ;;
    *)
        echo "packaging/deb.sh: unknown argument $1 (try --debug)" >&2
        exit 2
        ;;
esac

need=()
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
if ((${#need[@]})); then
    echo "packaging/deb.sh: installing ${need[*]}" >&2
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

if [[ $profile == release ]]; then
    cargo build --release --bin chirp --quiet
else
    cargo build --bin chirp --quiet
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
out=target/debian
stage=$out/stage
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"

install -Dm755 "target/$profile/chirp" "$stage/usr/bin/chirp"
if [[ $profile == release ]]; then
    strip --strip-unneeded "$stage/usr/bin/chirp"
fi
install -Dm644 assets/chirp.desktop "$stage/usr/share/applications/chirp.desktop"
install -Dm644 packaging/io.github.chirp_mqtt.Chirp.metainfo.xml \
    "$stage/usr/share/metainfo/io.github.chirp_mqtt.Chirp.metainfo.xml"
install -Dm644 packaging/copyright "$stage/usr/share/doc/chirp/copyright"
for size in 16 24 32 48 64 128 256 512; do
    dir="$stage/usr/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" assets/icon.svg -o "$dir/chirp.png"
done
install -Dm644 assets/icon.svg "$stage/usr/share/icons/hicolor/scalable/apps/chirp.svg"

"$stage/usr/bin/chirp" generate "$work/generated" >/dev/null
mkdir -p "$stage/usr/share/man/man1"
gzip -9n <"$work/generated/chirp.1" >"$stage/usr/share/man/man1/chirp.1.gz"
install -Dm644 "$work/generated/chirp.bash" "$stage/usr/share/bash-completion/completions/chirp"
install -Dm644 "$work/generated/_chirp" "$stage/usr/share/zsh/vendor-completions/_chirp"
install -Dm644 "$work/generated/chirp.fish" "$stage/usr/share/fish/vendor_completions.d/chirp.fish"

# dpkg-shlibdeps wants a debian/control to run in.
mkdir -p "$work/shlibs/debian"
printf 'Source: chirp\n\nPackage: chirp\nArchitecture: any\n' >"$work/shlibs/debian/control"
linked=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$OLDPWD/$stage/usr/bin/chirp" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p')
# Loaded by the window at run time (dlopen), so no linker lists them.
loaded="libgl1, libegl1, libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcursor1, libxi6, libxrandr2, libwayland-client0, libwayland-egl1, libfontconfig1"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: chirp
Version: $version
Architecture: $arch
Maintainer: The Chirp developers <chirp@users.noreply.github.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: ${linked:+$linked, }$loaded
Recommends: fonts-noto-color-emoji
Section: net
Priority: optional
Homepage: https://github.com/chirp-mqtt/chirp
Description: Twitter-like hashtag client on MQTT
 Post tweets under hashtags and follow hashtags and people live over any
 MQTT broker. Tweets are signed so names cannot be stolen, direct messages
 are end-to-end encrypted, and mutes and a flood guard keep public brokers
 pleasant. A desktop window and a command line on the same core.
CONTROL

deb="$out/chirp_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "$deb"
