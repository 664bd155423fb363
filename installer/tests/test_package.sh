#!/usr/bin/env bash
# Builds the Debian package from a configured, built tree and checks it as a user receives it: its control
# fields and files, the desktop entry, AppStream metainfo, man page, bash completion and systemd unit, and
# the extracted binary recording the demo stream.
# Usage: test_package.sh BUILD_DIR VERSION
set -euo pipefail
unset LD_LIBRARY_PATH # the packaged binary must run on the system libraries alone

build_dir=$(cd "$1" && pwd)
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
failures_before=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { # a group of checks ends: "ok" when none of them failed
    ((failures == failures_before)) && echo "ok: $*"
    failures_before=$failures
}

# --- build: CPack in a scratch folder, so that the build tree keeps no package staging
cpack --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log" >&2; fail "cpack failed"; exit 1; }
debs=("$work"/out/streamscope_*.deb)
[[ ${#debs[@]} == 1 && -f ${debs[0]} ]] || { fail "expected one streamscope_*.deb, got: ${debs[*]}"; exit 1; }
deb=${debs[0]}
pass "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control fields
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == streamscope ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', CMakeLists.txt says '$version'"
depends=$(field Depends)
[[ -n $depends ]] || fail "Depends is empty"
echo "Depends: $depends"
for library in libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libqcustomplot libhdf5; do
    [[ $depends == *"$library"* ]] || fail "Depends does not name $library"
done

# --- files
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/files"
for path in \
    /usr/bin/streamscope \
    /usr/share/applications/io.streamscope.StreamScope.desktop \
    /usr/share/metainfo/io.streamscope.StreamScope.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/io.streamscope.StreamScope.svg \
    /usr/share/icons/hicolor/48x48/apps/io.streamscope.StreamScope.png \
    /usr/share/icons/hicolor/256x256/apps/io.streamscope.StreamScope.png \
    /usr/share/man/man1/streamscope.1.gz \
    /usr/share/bash-completion/completions/streamscope \
    /usr/lib/systemd/system/streamscope-record@.service \
    /usr/share/streamscope/session.schema.json \
    /usr/share/streamscope/examples/demo-monitor.json \
    /usr/share/streamscope/examples/udp-lab.json; do
    grep -qxF "$path" "$work/files" || fail "package lacks $path"
done
pass "files present"

root=$work/root
dpkg-deb -x "$deb" "$root"
binary=$root/usr/bin/streamscope

# Boost is header-only for StreamScope (Asio, lockfree); should the binary ever link a Boost library,
# Depends must name its package too.
if readelf -d "$binary" | grep -q 'NEEDED.*libboost'; then
    [[ $depends == *libboost* ]] || fail "the binary links Boost but Depends names no libboost package"
fi
if readelf -d "$binary" | grep -Eq 'RPATH|RUNPATH'; then
    fail "the installed binary carries an RPATH: $(readelf -d "$binary" | grep -E 'RPATH|RUNPATH')"
fi
if ldd "$binary" | grep -q 'not found'; then
    fail "libraries missing: $(ldd "$binary" | grep 'not found')"
fi

# --- the extracted binary runs on system libraries only
[[ $("$binary" --version) == "streamscope $version" ]] || fail "--version printed '$("$binary" --version)'"
if "$binary" record --demo --duration 2 -o "$work/demo.h5" --json >"$work/record.json" 2>"$work/record.err"; then
    python3 - "$work/record.json" <<'EOF' || fail "record --demo summary: $(cat "$work/record.json")"
import json, sys
summary = json.load(open(sys.argv[1]))
assert summary["samples"] > 0 and summary["channels"] > 0, summary
EOF
    "$binary" inspect "$work/demo.h5" --json >"$work/inspect.json" || fail "inspect of the recorded archive failed"
    python3 - "$work/inspect.json" <<'EOF' || fail "the recorded archive holds no samples: $(cat "$work/inspect.json")"
import json, sys
channels = json.load(open(sys.argv[1]))["channels"]
assert channels and all(c["count"] > 0 for c in channels), channels
EOF
    pass "extracted binary recorded the demo stream"
else
    fail "record --demo exited $?: $(cat "$work/record.err")"
fi

# --- desktop entry and AppStream metainfo
desktop-file-validate "$root/usr/share/applications/io.streamscope.StreamScope.desktop" \
    || fail "desktop-file-validate"
appstreamcli validate --no-net --explain "$root/usr/share/metainfo/io.streamscope.StreamScope.metainfo.xml" \
    || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/io.streamscope.StreamScope.metainfo.xml" \
    || fail "the metainfo has no release entry for $version"

# --- man page: renders without warnings and documents every command and every option
man_page=$root/usr/share/man/man1/streamscope.1.gz
warnings=$(zcat "$man_page" | groff -man -Tutf8 -ww -z 2>&1)
[[ -z $warnings ]] || fail "groff warns about the man page: $warnings"
commands=$("$binary" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p')
[[ $(wc -w <<<"$commands") -ge 10 ]] || fail "found only these commands in --help: $commands"
man_source=$(zcat "$man_page")
for command in $commands; do
    grep -qx ".SS $command" <<<"$man_source" || fail "the man page has no section for '$command'"
    for option in $("$binary" "$command" --help | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z-]\+\).*/\2/p'); do
        [[ $option == --help || $option == --help-all || $option == --version ]] && continue
        grep -qF -- "${option//-/\\-}" <<<"$man_source" || fail "the man page does not mention $command $option"
    done
done
pass "man page covers: $(echo $commands)"

# --- bash completion, in a bash that has sourced only it
complete_words() { # LINE -> the completions bash offers at its end
    PATH="$root/usr/bin:$PATH" bash -c '
        source "$1"
        read -ra COMP_WORDS <<<"$2"
        [[ $2 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _streamscope
        printf "%s\n" "${COMPREPLY[@]}"' _ "$root/usr/share/bash-completion/completions/streamscope" "$1"
}
grep -q '^complete -F _streamscope streamscope$' "$root/usr/share/bash-completion/completions/streamscope" \
    || fail "the completion does not register with complete -F"
offered=$(cd "$work" && complete_words "streamscope ")
for command in $commands; do
    grep -qx "$command" <<<"$offered" || fail "completion of 'streamscope ' lacks $command (offered: $offered)"
done
[[ $(complete_words "streamscope record --ro") == --rotate ]] || fail "'record --ro' does not complete to --rotate"
[[ $(complete_words "streamscope export x.h5 --la") == --layout ]] || fail "'export --la' does not complete to --layout"
[[ $(complete_words "streamscope record --compression d") == deflate ]] || fail "'--compression d' does not complete"
pass "bash completion"

# --- systemd unit, verified against the extracted root (its binary and man page)
unit_dir=$work/units
mkdir "$unit_dir"
cp "$root/usr/lib/systemd/system/streamscope-record@.service" "$unit_dir/"
ln -s streamscope-record@.service "$unit_dir/streamscope-record@lab.service"
unit_text=$(<"$unit_dir/streamscope-record@.service")
for setting in 'ExecStart=/usr/bin/streamscope record --session /etc/streamscope/%i.json' '--rotate' \
    'Restart=on-failure' 'StateDirectory=streamscope' 'DynamicUser=yes'; do
    grep -qF -- "$setting" <<<"$unit_text" || fail "the unit lacks '$setting'"
done
# verify resolves ExecStart= and Documentation=man: against the system; point both at the extracted root.
mkdir -p "$work/bin"
ln -s "$binary" "$work/bin/streamscope"
sed -i "s|^ExecStart=/usr/bin/streamscope|ExecStart=$work/bin/streamscope|" "$unit_dir/streamscope-record@.service"
# The unit's hardening, scored by systemd from 0 (fully confined) to 10 (not at all); 1.9 when this was written.
# --threshold counts in tenths (systemd 252): 30 is an exposure of 3.0.
exposure=$(systemd-analyze security --offline=yes --man=no --threshold=30 \
    "$unit_dir/streamscope-record@lab.service" 2>&1) \
    || fail "systemd-analyze security scores the unit above 3.0: $(tail -1 <<<"$exposure")"
pass "systemd-analyze security: $(tail -1 <<<"$exposure" | sed 's/^→ //')"

# The unit's command itself, run as systemd would for instance "lab" (without PID 1 in a container, by hand):
# the session's demo stream recorded into the state directory under a rotated name until SIGTERM.
mkdir -p "$work/etc/streamscope" "$work/state/streamscope/lab"
cp "$root/usr/share/streamscope/examples/demo-monitor.json" "$work/etc/streamscope/lab.json"
rotate=$(sed -n 's/^Environment=STREAMSCOPE_ROTATE=//p' <<<"$unit_text")
exec_start=$(sed -n 's/^ExecStart=//p' <<<"$unit_text")
exec_start=${exec_start//%i/lab}
exec_start=${exec_start//%S/$work/state}
exec_start=${exec_start//\/etc\/streamscope/$work/etc/streamscope}
exec_start=${exec_start//\/usr\/bin\/streamscope/$binary}
exec_start=${exec_start//'${STREAMSCOPE_ROTATE}'/$rotate}
read -ra service_command <<<"$exec_start"
"${service_command[@]}" >"$work/service.log" 2>&1 &
service=$!
sleep 2
kill -TERM "$service"
if wait "$service"; then
    archives=("$work"/state/streamscope/lab/lab-*-0001.h5)
    if [[ -f ${archives[0]} ]] && "$binary" inspect "${archives[0]}" >/dev/null; then
        pass "the unit's command records the session into $(basename "${archives[0]}") and stops on SIGTERM"
    else
        fail "the unit's command left no readable lab-*-0001.h5: $(ls "$work/state/streamscope/lab")"
    fi
else
    fail "the unit's command exited $? on SIGTERM: $(cat "$work/service.log")"
fi

if ! verify=$(MANPATH="$root/usr/share/man" SYSTEMD_LOG_LEVEL=notice \
    systemd-analyze verify --man=yes "$unit_dir/streamscope-record@lab.service" 2>&1) || [[ -n $verify ]]; then
    fail "systemd-analyze verify: $verify"
else
    pass "systemd-analyze verify accepts the unit"
fi

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package checks passed"
