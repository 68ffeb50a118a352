#!/bin/sh
# SPDX-License-Identifier: ISC
# run.sh - the cronkeep benchmark in one command.
#
# usage: tests/bench/run.sh [BUILD_DIR] [--no-build] [bench.py options]
#        (or: meson compile -C BUILD_DIR bench-run)
#
# Installs the peers when they are missing and we are root (Debian's
# python3-crontab and python3-croniter), builds the benchmark programs,
# then runs tests/bench/bench.py with Debian's /usr/bin/python3.  Results:
# a table on standard output and BUILD_DIR/bench-results.json.
# See docs/performance.md.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=build
case ${1:-} in
-*|'') ;;
*) build=$1; shift ;;
esac
dobuild=1
if [ "${1:-}" = --no-build ]; then
	dobuild=0
	shift
fi
# Not a pyenv or venv python: the peers are Debian's packages.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

if ! "$py" -c 'import crontab, croniter' 2>/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "run.sh: installing python3-crontab python3-croniter" >&2
		apt-get install -y python3-crontab python3-croniter >&2 || {
			apt-get update >&2 &&
			apt-get install -y python3-crontab python3-croniter >&2
		}
	else
		echo "run.sh: python3-crontab and python3-croniter are missing" \
		    "(apt-get install python3-crontab python3-croniter);" \
		    "measuring cronkeep only" >&2
		set -- --no-peers "$@"
	fi
fi

if [ "$dobuild" = 1 ]; then
	[ -f "$build/build.ninja" ] || meson setup "$build" "$src" >&2
	meson compile -C "$build" >&2
fi
exec "$py" "$src/tests/bench/bench.py" --source "$src" --build "$build" \
    --python "$py" "$@"
