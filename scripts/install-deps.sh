#!/usr/bin/env bash
# Installs the Debian packages StreamScope needs to build, test and run, and only those that are
# missing: when everything is present it returns in well under a second without touching apt.
# `install-deps.sh fuzz` adds the clang toolchain and libFuzzer runtime of the fuzz targets (make fuzz).
set -euo pipefail

packages=(
    # toolchain
    g++ make cmake ninja-build pkg-config
    # libraries (Debian's packages, never vendored)
    qt6-base-dev qt6-svg-dev libqcustomplot-dev libhdf5-dev libboost-dev
    # tests: pseudo-terminals, a virtual display, HDF5 readers other than ours
    socat xvfb xauth hdf5-tools python3-h5py
    # packaging (make package) and its test: Depends from the linked libraries, PNG icons from the SVG,
    # validators of the desktop entry, AppStream metainfo, man page and systemd unit
    dpkg-dev librsvg2-bin desktop-file-utils appstream groff-base systemd
)
if [[ ${1:-} == fuzz ]]; then
    packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
