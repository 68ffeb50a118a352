#!/bin/sh
# SPDX-License-Identifier: ISC
# test_abi.sh LIBRARY HEADER - libcronkeep's exported symbols are exactly
# the functions HEADER declares CK_API, each with the version CRONKEEP_1.0
# (src/lib/cronkeep.map), and the soname is libcronkeep.so.1.
set -u
lib=$1
hdr=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ckabi.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

command -v readelf >/dev/null 2>&1 || { echo "SKIP: no readelf"; exit 77; }
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" = libcronkeep.so.1 ]; then
	echo "ok: soname $soname"
else
	echo "FAIL: soname '$soname', want libcronkeep.so.1"
	fails=$((fails + 1))
fi

# Defined dynamic symbols as NAME@VERSION (the version node itself,
# CRONKEEP_1.0 with value 0 and type OBJECT/ABS, is left out).
readelf -W --dyn-syms "$lib" |
    awk '$7 != "UND" && $5 != "LOCAL" && $4 == "FUNC" { print $8 }' |
    sed 's/@@*/ /' | sort > "$tmp/exported"
sed -n 's/.*CK_API[^(]*[^a-z0-9_]\(ck_[a-z0-9_]*\)(.*/\1/p' "$hdr" |
    sort -u > "$tmp/declared"
cut -d' ' -f1 "$tmp/exported" > "$tmp/names"
if cmp -s "$tmp/names" "$tmp/declared"; then
	echo "ok: $(wc -l < "$tmp/declared") functions, as the header declares"
else
	echo "FAIL: exported functions differ from the header's CK_API ones:"
	diff "$tmp/declared" "$tmp/names" | sed -n 's/^[<>]/  &/p'
	fails=$((fails + 1))
fi
if awk '$2 != "CRONKEEP_1.0" { bad = 1; print "  " $0 } END { exit bad }' \
    "$tmp/exported"; then
	echo "ok: every symbol is versioned CRONKEEP_1.0"
else
	echo "FAIL: symbols without the version CRONKEEP_1.0 (above)"
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
