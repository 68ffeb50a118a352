#!/bin/sh
# SPDX-License-Identifier: ISC
# The man pages document what the code has: mandoc lint clean, every
# CK_API function in libcronkeep(3) (whose example program is compiled and
# run), every command, long option, JSON key, environment variable and
# exit code of the CLI in cronkeep(1).  See tests/cli/docs_check.py.
. "$(dirname "$0")/lib.sh"

# Debian's python (not a pyenv or venv one), which valgrind runs do not trace.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || skip "no python3"
command -v mandoc >/dev/null || { fail "mandoc is not installed (apt-get install mandoc)"; finish; }
SRC=$(cd "$(dirname "$0")/../.." && pwd)
if "$PY" "$SRC/tests/cli/docs_check.py" "$SRC" "$CRONKEEP" "$CK_BUILD"; then
	ok
else
	T_FAILS=$((T_FAILS + 1))
fi
finish
