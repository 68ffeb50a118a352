#!/bin/sh
# SPDX-License-Identifier: ISC
# The public header compiles on its own, as strict C99 and as C++.
set -e
inc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <cronkeep.h>\nint main(void) { return ck_code_str(CK_OK) == 0; }\n' > "$tmp/t.c"
cc -std=c99 -pedantic-errors -Wall -Wextra -Werror -fsyntax-only -I"$inc" "$tmp/t.c"
if command -v c++ >/dev/null 2>&1; then
	cp "$tmp/t.c" "$tmp/t.cc"
	c++ -std=c++11 -pedantic-errors -Wall -Werror -fsyntax-only -I"$inc" "$tmp/t.cc"
fi
echo "header ok"
