#!/bin/sh
# SPDX-License-Identifier: ISC
# The fleet view: stats, check, list, find and timeline over many hosts'
# inventories (--inventory FILE... or a folder).  Real inventories of two
# host trees, then 1,000 generated ones (tests/gen_fleet.py, seeded, with
# drift, duplicates and a lint error put in on purpose): the herd at 00:00,
# per job and per group, drift and duplicates found exactly, in seconds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tree.sh"
: "${CK_SRC:?CK_SRC must name the source tree}"
export CRONKEEP_NOW=1795000000	# 2026-11-18 11:06:40 UTC

# ---- two real hosts of one group ----
mk_tree "$T_TMP/a"
mk_tree "$T_TMP/b"
# b: nightly runs later, "rotate logs" is gone, and a duplicate.
sed -i 's/^30 2 \* \* \*/45 2 * * */; /^#Ansible: rotate logs/,+1d' \
    "$T_TMP/b/etc/cron.d/backup"
printf '0 0 * * * echo "hello"\n' >> "$T_TMP/b/var/spool/cron/crontabs/alice"
mkdir -p "$T_TMP/inv"
for h in a b; do
	"$CRONKEEP" --root "$T_TMP/$h" inventory --host "web-$h" --group web \
	    --json > "$T_TMP/inv/$h.json" 2>/dev/null ||
	    fail "inventory of $h"
done

run stats --inventory "$T_TMP/inv/a.json" "$T_TMP/inv/b.json"
expect_rc 0 "stats of two inventories"
expect_out_has '^fleet: 2 hosts in 1 group, 18 jobs \(16 enabled\)' "the fleet's size"
expect_out_has '^  web: nightly: 2 variants: "30 2 \* \* \*" /usr/local/bin/backup --all on 1 host \(web-a\); "45 2 \* \* \*" /usr/local/bin/backup --all on 1 host \(web-b\)$' \
    "drift: another schedule"
expect_out_has '^  web: rotate logs: on 1 of 2 hosts \(not on web-b\)$' "drift: a missing id"
expect_out_has '^  web-b: "echo "hello"" runs 2 times' "a duplicate command"
run stats --json --inventory "$T_TMP/inv"
expect_rc 0 "stats of a folder"
expect_json 'd["hosts"] == 2 and sorted(x["id"] for x in d["drift"]) == ["nightly", "rotate logs"] and [x["host"] for x in d["duplicates"]] == ["web-b"]' \
    "a folder of inventories is read"

run check --inventory "$T_TMP/inv"
expect_rc 1 "check fails on drift and duplicates"
expect_err_has '^drift: web: nightly: 2 variants' "check: drift"
expect_err_has '^duplicate: web-b: ' "check: duplicate"
expect_err_has '^2 hosts: [0-9]+ errors?, [0-9]+ warnings?, 2 drifted ids, 1 duplicated command$' "check's summary"

run list --inventory "$T_TMP/inv" --json
expect_json 'len(d["jobs"]) == 18 and {j["host"] for j in d["jobs"]} == {"web-a", "web-b"} and all(j["group"] == "web" for j in d["jobs"])' \
    "list: every job with its host"
run find --inventory "$T_TMP/inv" --id nightly
expect_rc 0 "find by id across hosts"
expect_out_has '^web-a +30 2 \* \* \* +nightly +on +/usr/local/bin/backup --all$' "find: host a"
expect_out_has '^web-b +45 2 \* \* \* +nightly +on +/usr/local/bin/backup --all$' "find: host b"
run find --inventory "$T_TMP/inv" --command '^/nonexistent'
expect_rc 1 "find: no match is exit 1"

run timeline --inventory "$T_TMP/inv" --svg "$T_TMP/t.svg" --html "$T_TMP/t.html"
expect_rc 0 "timeline writes SVG and HTML"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$T_TMP/t.svg" &&
    ok || fail "the SVG is not well-formed XML"
grep -q '<title>2026-11-19 00:00: 2 starts</title>' "$T_TMP/t.svg" && ok ||
    fail "the SVG marks 2 starts at 00:00 (one echo per alice, doubled on b)"
grep -q '<table>' "$T_TMP/t.html" && grep -q '<svg' "$T_TMP/t.html" && ok ||
    fail "the HTML has the picture and the table"
run timeline --inventory "$T_TMP/inv" --json
expect_rc 0 "timeline --json of the fleet"
expect_json 'd["cells"] == 96 and len(d["all"]) == 96 and all(len(x["starts"]) == 96 for x in d["jobs"]) and sum(d["all"]) >= sum(sum(x["starts"]) for x in d["jobs"])' \
    "timeline --json: the starts per cell, not the picture"

# Not an inventory: refused, naming the file.
printf '{"jobs": []}\n' > "$T_TMP/bad.json"
run stats --inventory "$T_TMP/bad.json"
expect_rc 65 "a document of another kind is refused"
expect_err_has 'bad.json: not a cronkeep inventory' "and named"
printf '{"format": "cronkeep-inventory", "version": 1, "host": "x", "jobs": [' > "$T_TMP/cut.json"
run stats --inventory "$T_TMP/cut.json"
expect_rc 65 "a cut document is refused"
expect_err_has 'cut.json: not JSON: line 1, column [0-9]+' "with where"

# ---- 1,000 generated hosts of 50 jobs ----
N=1000
sanitized && N=60
G=$T_TMP/gen
python3 "$CK_SRC/tests/gen_fleet.py" "$G/inv" "$N" 50
E=$G/expected.json
timed stats --json --inventory "$G/inv"
expect_rc 0 "stats of $N inventories"
echo "stats --inventory of $N hosts x 50 jobs: ${SECS}s (${CPU}s CPU)"
python3 - "$OUT" "$E" <<'EOF' && ok || fail "herd, drift and duplicates of the generated fleet"
import json, sys
d = json.load(open(sys.argv[1]))
e = json.load(open(sys.argv[2]))
assert d["hosts"] == e["hosts"] and d["jobs"] == e["jobs"], (d["hosts"], d["jobs"])
top = d["herd"][0]
assert (top["at"], top["starts"], top["hosts"]) == (e["herd"]["at"], e["herd"]["starts"], e["herd"]["hosts"]), top
b = [k for k in d["per_job"] if k.get("id") == "backup"][0]
assert b["peak"] == e["hosts"] and b["at"] == e["herd"]["at"] and b["groups"] == e["backup_groups"], b
got = [{"group": x["group"], "id": x["id"], "missing": x["missing"], "variants": len(x["variants"])} for x in d["drift"]]
assert got == e["drift"], got
assert [x["host"] for x in d["duplicates"]] == e["duplicates"], d["duplicates"]
EOF
if [ "$N" -eq 1000 ]; then
	python3 -c "import sys; sys.exit(0 if $CPU < 5 else 1)" && ok ||
	    fail "1,000 inventories took ${CPU}s of CPU"
fi
for c in check list timeline; do
	timed $c --inventory "$G/inv"
	echo "$c --inventory of $N hosts: ${SECS}s (${CPU}s CPU)"
	[ "$c" = check ] && expect_rc 1 "check of $N hosts finds the drift" ||
	    expect_rc 0 "$c of $N hosts"
done
run check --json --inventory "$G/inv"
expect_json 'd["errors"] == 1 and [x["host"] for x in d["jobs_with_errors"]] == ["h0005"] and len(d["drift"]) == 2' \
    "check: the one lint error, the drift"

finish
