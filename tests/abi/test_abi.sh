#!/bin/sh
# SPDX-License-Identifier: ISC
# test_abi.sh LIBRARY HEADER - libcronkeep's exported symbols are exactly
# the functions HEADER declares CK_API, the ones of the frozen 1.0 header
# (tests/abi/1.0/cronkeep.h) with the version CRONKEEP_1.0 and every later
# one with a later node, CRONKEEP_1.N (src/lib/cronkeep.map), and the
# soname is libcronkeep.so.1.
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
# The frozen 1.0 header's functions keep CRONKEEP_1.0; a function the map
# names in a later node (CRONKEEP_1.1 { global: ck_x; } ...) has that node.
sed -n 's/.*CK_API[^(]*[^a-z0-9_]\(ck_[a-z0-9_]*\)(.*/\1/p' \
    "$(dirname "$0")/1.0/cronkeep.h" | sort -u | sed 's/$/ CRONKEEP_1.0/' \
    > "$tmp/want"
awk '/^CRONKEEP_[0-9.]* *\{/ { node = $1 }
    node != "CRONKEEP_1.0" && /^[ \t]*ck_[a-z0-9_]*;/ {
	sub(/^[ \t]*/, ""); sub(/;.*/, ""); print $0, node }' \
    "$(dirname "$0")/../../src/lib/cronkeep.map" >> "$tmp/want"
if awk 'NR == FNR { want[$1] = $2; next }
    ($1 in want) && want[$1] != $2 { bad = 1; print "  " $0 ", want " want[$1] }
    $2 !~ /^CRONKEEP_1\.[0-9]+$/ { bad = 1; print "  " $0 }
    END { exit bad }' "$tmp/want" "$tmp/exported"; then
	echo "ok: 1.0's symbols are CRONKEEP_1.0, later nodes' their node"
else
	echo "FAIL: symbols with the wrong version (above)"
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
