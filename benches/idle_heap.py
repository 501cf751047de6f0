#!/usr/bin/env python3
"""The heap of an idle empty Chirp window by cause (issue 15 part 4).

    python3 benches/idle_heap.py BIN PROFILE_DIR [SECONDS]

Starts BIN under heaptrack (Debian package `heaptrack`) on PROFILE_DIR (made
by `ingest make-profile`; needs DISPLAY), lets it idle for SECONDS (default
10: under load the first frame can take seconds), stops it, and sums what
was still allocated by cause, from heaptrack's backtraces. This is the malloc heap only: RssAnon also holds thread stacks,
relocated library pages (libLLVM's 8 MiB) and malloc's unused arena pages.
"""
import collections
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

# The first rule matching any frame of an allocation's stack names its
# cause: specific libraries before the frames every main-thread stack has.
RULES = [
    ("crossbeam channel slots", r"crossbeam"),
    ("tracing / log file writer", r"tracing_appender|tracing_subscriber"),
    ("SQLite (page cache, schema)", r"sqlite3|rusqlite"),
    ("tokio runtime", r"tokio"),
    ("egui glyph atlas and texture uploads", r"texture_atlas|TextureAtlas|FontImage|ColorImage"),
    ("font data and glyph tables", r"epaint..text|ab_glyph|owned_ttf|ttf_parser|skrifa|font_kit|fontdb"),
    ("fontconfig", r"libfontconfig"),
    ("Mesa GL (llvmpipe, libGL, glow)", r"swrast_dri|libGLX|libGL\.|libGLdispatch|libLLVM|libEGL|glow::|glutin|wgpu|naga"),
    ("accesskit / zbus (AT-SPI)", r"accesskit|zbus|async_io|async_executor"),
    ("egui state (memory, layout, tessellation)", r"egui::|epaint::"),
    ("X11 / xkb", r"libX11|libxcb|xkbcommon|_Xim|libXcursor|libXi"),
    ("Chirp's own state", r"chirp::"),
    ("Rust std, thread start", r"std::|_RNv"),
]


def classify(flamegraph):
    by_cause = collections.Counter()
    for line in open(flamegraph):
        stack, _, cost = line.rstrip().rpartition(" ")
        cost = int(cost or 0)
        if cost <= 0:
            continue
        frames = [f for f in stack.split(";") if f][::-1]
        cause = next((name for name, rx in RULES if any(re.search(rx, f) for f in frames)), None)
        by_cause[cause or "other (unresolved, libc, loader)"] += cost
    return by_cause


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, profile = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    with tempfile.TemporaryDirectory(prefix="chirp-heap-") as tmp:
        out = os.path.join(tmp, "idle")
        env = dict(os.environ, XDG_CONFIG_HOME=f"{profile}/config",
                   XDG_DATA_HOME=f"{profile}/data", XDG_RUNTIME_DIR=f"{profile}/run")
        env.pop("WAYLAND_DISPLAY", None)
        os.makedirs(f"{profile}/run", mode=0o700, exist_ok=True)
        tracker = subprocess.Popen(["heaptrack", "-o", out, binary], env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(seconds)
        # Stop the window itself (heaptrack's child), not heaptrack, which
        # then writes out what it recorded.
        name = os.path.basename(binary)[:15]
        children = subprocess.run(["pgrep", "-P", str(tracker.pid)], capture_output=True,
                                  text=True).stdout.split()
        for pid in children:
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() == name:
                    os.kill(int(pid), signal.SIGTERM)
        tracker.wait(timeout=120)
        data = next(f for f in os.listdir(tmp) if f.startswith("idle"))
        flame = os.path.join(tmp, "leaked.txt")
        subprocess.run(["heaptrack_print", "-f", os.path.join(tmp, data), "--flamegraph-cost-type",
                        "leaked", "-F", flame], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        by_cause = classify(flame)
    total = sum(by_cause.values())
    print(f"  heap still allocated after {seconds:.0f} s idle (heaptrack, one run): {total / 2**20:.1f} MiB")
    for cause, size in by_cause.most_common():
        if size >= 50 * 1024:
            print(f"    {size / 2**20:6.1f} MiB  {cause}")


if __name__ == "__main__":
    main()
