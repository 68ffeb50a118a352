#!/bin/sh
# SPDX-License-Identifier: ISC
# The README cannot rot: every `$ command` of its ```console blocks is run
# (cronkeep being the built binary, in a temporary directory, with a fixed
# clock) and its output compared with the README's text; the quick start
# must hold the two commands .ci/run mirrors, and every relative link must
# point to a file.  See tests/cli/readme.py; after a deliberate change of
# output, `python3 tests/cli/readme.py --update README.md build/src/cli/cronkeep . build`
# rewrites the README's output (read the diff before committing it).
. "$(dirname "$0")/lib.sh"

# Debian's python (not a pyenv or venv one), which valgrind runs do not trace.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || skip "no python3"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
if "$PY" "$SRC/tests/cli/readme.py" "$SRC/README.md" "$CRONKEEP" "$SRC" "$CK_BUILD"; then
	ok
else
	T_FAILS=$((T_FAILS + 1))
fi
finish
