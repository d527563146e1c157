#!/usr/bin/env bash
# Makes my-app's videos and the pictures cut from them, from ffmpeg's own generators:
# no downloaded media. The kit ships the outputs, so nobody needs to run this; run it to
# remake them (it installs Debian's ffmpeg if it is missing, which needs root and apt):
#
#   bash Handouts/examples/my-app/make-media.sh
#
# Each video is 3 seconds of 320 x 180 VP8 at 24 frames per second in a WebM file, small
# enough that the whole app stays far below 1 MB, long enough that a browser can seek in it.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v ffmpeg >/dev/null; then
    echo "ffmpeg is missing: installing Debian's (apt-get install ffmpeg)…" >&2
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "error: install ffmpeg first (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg >/dev/null
fi

mkdir -p media static
quiet=(-hide_banner -loglevel error -y)
# -bitexact and no metadata keep the files the same from one run to the next.
vp8=(-c:v libvpx -b:v 160k -deadline good -cpu-used 4 -g 24 -pix_fmt yuv420p -bitexact -map_metadata -1)

# 1. Colour bars (ffmpeg's SMPTE test card) with a 440 Hz tone in Vorbis.
ffmpeg "${quiet[@]}" -f lavfi -i "smptebars=size=320x180:rate=24:duration=3" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=3" \
    "${vp8[@]}" -c:a libvorbis -q:a 0 -ac 1 -shortest media/bars.webm

# 2. A ball bouncing across ffmpeg's moving test pattern, silent.
ffmpeg "${quiet[@]}" -f lavfi -i "testsrc2=size=320x180:rate=24:duration=3" \
    -vf "drawbox=x='20+abs(mod(t*180\,560)-280)':y='60+40*sin(t*6)':w=40:h=40:color=orange@0.9:t=fill" \
    "${vp8[@]}" -an media/ball.webm

# One frame of each, as the thumbnail on the home page and the watch page's poster.
for id in bars ball; do
    ffmpeg "${quiet[@]}" -ss 1 -i "media/$id.webm" -frames:v 1 -vf scale=160:90 -update 1 "static/$id.png"
done

ls -l media/*.webm static/*.png
