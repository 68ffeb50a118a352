#!/bin/sh
# SPDX-License-Identifier: ISC
# check's output formats (text with caret, json, sarif, github), --list-rules,
# --fail-on, --also-dialect, --root users, system-file facts and exit codes.
. "$(dirname "$0")/lib.sh"

F=$T_TMP/f.crontab
printf 'MAILTO=""\n# nightly\n0 0 * * * date +%%F\n# bad\n0 0 30 2 * x\n' > "$F"

# ---- text ----
run check "$F"
expect_rc 1 "an error exits 1"
expect_err_has "f.crontab:3:17: warning: unescaped '%' .* \[CK016\] \(write \\\\% for a literal percent\)" "gcc style with the hint, backslash kept"
expect_err_has "f.crontab:5:5: error: the schedule never fires: February never has day 30 \[CK024\]" "never fires"
expect_err_lacks "\^" "no caret when stderr is not a terminal"
if command -v script >/dev/null 2>&1; then
	script -qec "'$CRONKEEP' check --color never '$F'" /dev/null > "$OUT" 2>&1 || true
	tr -d '\r' < "$OUT" > "$T_TMP/tty"
	if grep -q "^ 0 0 \* \* \* date +%F$" "$T_TMP/tty" &&
	    grep -q "^                 \^$" "$T_TMP/tty"; then ok; else
		fail "a terminal gets the line and a caret under column 17"; fi
fi

# ---- json ----
run check --json "$F"
expect_rc 1 "json exit"
expect_json 'd["errors"] == 1 and d["warnings"] == 1 and d["notes"] == 0' "json counts"
expect_json 'd["files"][0]["diagnostics"][0] == {"line": 3, "column": 17, "severity": "warning", "code": "CK016", "rule": "bare-percent", "message": d["files"][0]["diagnostics"][0]["message"], "hint": "write \\% for a literal percent"}' "json keys, rule and hint"
run check --format json "$F"
expect_json 'd["files"][0]["diagnostics"][1]["code"] == "CK024"' "--format json = --json"

# ---- SARIF 2.1.0 ----
printf 'MAILTO=""\n0 0 * * * date +%%F\n' > "$T_TMP/a b.crontab"
run check --format sarif "$F" "$T_TMP/a b.crontab"
expect_rc 1 "sarif exit"
expect_err_empty "sarif: nothing on stderr"
if python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0", d["version"]
assert d["$schema"].startswith("https://") and "sarif" in d["$schema"]
assert len(d["runs"]) == 1
run = d["runs"][0]
drv = run["tool"]["driver"]
for k in ("name", "version", "informationUri", "rules"):
    assert k in drv, k
assert drv["name"] == "cronkeep"
rules = drv["rules"]
assert len(rules) >= 53, len(rules)
for i, r in enumerate(rules):
    assert r["id"] == "CK%03d" % (i + 1), r["id"]
    assert r["name"] and r["shortDescription"]["text"]
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
res = run["results"]
# f: CK016 and CK024; "a b": CK016 and CK050 (no comment above the job)
assert sorted(r["ruleId"] for r in res) == ["CK016", "CK016", "CK024", "CK050"], res
for r in res:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["level"] in ("error", "warning", "note")
    assert r["message"]["text"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"]
    assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
uris = set(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res)
assert any(u.endswith("a%20b.crontab") for u in uris), uris
e = [r for r in res if r["ruleId"] == "CK024"][0]
assert e["level"] == "error"
assert e["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 5}
PY
then ok; else fail "SARIF structure"; fi

# ---- GitHub workflow commands ----
G="$T_TMP/x,y:z.crontab"
printf 'MAILTO=""\n# t\n0 0 * * * date +%%F\n' > "$G"
run check --format github "$G"
expect_rc 0 "github: warnings only exit 0"
expect_out "::warning file=$T_TMP/x%2Cy%3Az.crontab,line=3,col=17,title=CK016 bare-percent::unescaped '%25' in \"date +%25F\": cron ends the command there and sends the rest to its standard input (write \\%25 for a literal percent)" "workflow command with escaped properties and data"
run check --format github --fail-on warning "$F"
expect_rc 1 "github exit with --fail-on warning"
expect_out_has "^::error file=[^:]*f.crontab,line=5,col=5,title=CK024 never-fires::" "error command"

# ---- --list-rules ----
run check --list-rules
expect_rc 0 "list-rules"
n=$(grep -c '^CK[0-9][0-9][0-9]  ' "$OUT")
if [ "$n" -ge 53 ]; then ok; else fail "list-rules lists $n rules"; fi
expect_out_has "^CK016  bare-percent +warning +cron turns an unescaped" "a rule row"
expect_out_has "^       e.g. 0 0 \* \* \* date \+%F$" "its example"
run check --list-rules --json
expect_json 'len(d["rules"]) >= 53 and all(set(("code","name","severity","summary","bad","good")) <= set(r) for r in d["rules"])' "list-rules json"
expect_json '[r for r in d["rules"] if r["code"] == "CK024"][0]["severity"] == "error"' "severity in json"

# ---- --fail-on and exit codes ----
C=$T_TMP/clean.crontab
printf 'MAILTO=""\n# cronkeep: nightly\n15 4 * * * /usr/bin/true\n' > "$C"
run check "$C"
expect_rc 0 "clean file"
expect_err_empty "clean file prints nothing"
I=$T_TMP/info.crontab
printf 'MAILTO=""\n* * * * * /usr/bin/true\n' > "$I"
run check "$I"
expect_rc 0 "notes alone exit 0"
run check --fail-on warning "$I"
expect_rc 0 "notes below --fail-on warning"
run check --fail-on info "$I"
expect_rc 1 "--fail-on info"
run check --fail-on warning "$G"
expect_rc 1 "--fail-on warning with a warning"
run check --format yaml "$C"
expect_rc 2 "unknown format is a usage error"
run check --also-dialect solaris "$C"
expect_rc 2 "unknown dialect is a usage error"
expect_err_has "solaris" "names the bad dialect"
run check --fail-on sometimes "$C"
expect_rc 2 "bad --fail-on"

# ---- expressions ----
run check --expr '0 0 30 2 *'
expect_rc 1 "never-firing expression"
expect_err_has "0 0 30 2 \*:1:5: error: .*never fires.* \[CK024\]" "expression position"
run check --expr '*/7 * * * *' --json
expect_rc 0 "uneven step is a note"
expect_json '[x["code"] for x in d["files"][0]["diagnostics"]] == ["CK029"]' "only the schedule's findings"

# ---- dialect portability ----
B=$T_TMP/bb.crontab
printf 'MAILTO=""\n# t\n0 0 1 * */2 x\n# u\n0 * * * * -n y\n' > "$B"
run check --dialect cronie --also-dialect busybox,debian "$B"
expect_err_has "bb.crontab:3:5: warning: busybox runs this job on other days" "busybox day rule"
expect_err_has "bb.crontab:5:11: warning: debian and busybox do not know the option \"-n\"" "-n on others"
run check --dialect cronie "$B"
expect_err_lacks "CK045" "no portability findings without --also-dialect"
run check --dialect portable --fail-on warning "$B"
expect_rc 1 "portable: -n is a portability warning"
expect_err_has "bb.crontab:5:11: warning: debian and busybox do not know the option \"-n\"" "portable names the crons"
expect_err_has "bb.crontab:5:14: warning: cronie runs a different command: \"y\"" "cronie takes -n as its option"

# ---- system files: users, owner, mode, name ----
R=$T_TMP/root
mkdir -p "$R/etc/cron.d"
printf 'root:x:0:0::/root:/bin/sh\nbackup:x:34:34::/var/backups:/bin/sh\n' > "$R/etc/passwd"
S=$R/etc/cron.d/app
printf 'MAILTO=""\n# a\n0 4 * * * backup /usr/bin/x\n# b\n0 5 * * * ro0t /usr/bin/y\n' > "$S"
chmod 644 "$S"
run --root "$R" check "$S"
expect_rc 0 "unknown user is a warning"
expect_err_has "app:5:11: warning: user \"ro0t\" does not exist on this host \[CK015\]" "unknown user from ROOT/etc/passwd"
expect_err_lacks "CK043|CK001" "0644 root-owned, good name"
run check "$S"
expect_err_lacks "CK015" "no user check without --root"
chmod 664 "$S"
run check "$S"
expect_rc 1 "group-writable system file"
expect_err_has "app: error: the file is writable by group \(mode 0664\): cron ignores it \[CK043\]" "mode"
chmod 644 "$S"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$S"
	run check "$S"
	expect_err_has "owned by uid 65534.*\[CK043\]" "owner"
	chown 0 "$S"
fi
cp "$S" "$R/etc/cron.d/app.sh"
run check --dialect debian "$R/etc/cron.d/app.sh"
expect_rc 1 "debian ignores app.sh"
expect_err_has "app.sh: error: debian ignores a file in /etc/cron.d named \"app.sh\" \[CK001\]" "file name"
run check --dialect cronie "$R/etc/cron.d/app.sh"
expect_err_lacks "CK001" "cronie reads app.sh"

# SARIF: columns in Unicode code points ("columnKind"), absolute paths as
# file:// URIs, relative ones as they were given.
U=$T_TMP/sarif-utf8.cron
printf 'MAILTO=""\n# cronkeep: a\n0 0 * * * echo \303\251\303\251\303\251 %%s\n' > "$U"
run check --format sarif "$U"
expect_json 'd["runs"][0]["columnKind"] == "unicodeCodePoints"' "columnKind"
expect_json 'd["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 20}' "byte column 23 is code point 20"
expect_json 'd["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")' "absolute path: file:// URI"
cp "$U" "$T_TMP/rel file.cron"
(cd "$T_TMP" && "$CRONKEEP" check --format sarif "rel file.cron") > "$OUT" 2>/dev/null
expect_json 'd["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rel%20file.cron"' "relative path stays relative, escaped"

finish
