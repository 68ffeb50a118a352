# SPDX-License-Identifier: ISC
# test_completion.sh - cronkeep completion bash|zsh|fish: the bash script
# loaded into bash and its function called as bash would; the zsh and fish
# scripts checked by those shells when they exist; every script names every
# command of the table.
. "$(dirname "$0")/lib.sh"

D=$T_TMP

same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" >&2
	fi
}

# The commands, as --help lists them.
cmds=$("$CRONKEEP" --help | sed -n '/^commands:/,/^$/p' |
    awk 'NR > 1 && NF { print $1 }')
[ "$(echo "$cmds" | wc -l)" -ge 20 ] && ok || fail "--help lists the commands"

for sh in bash zsh fish; do
	run completion $sh
	expect_rc 0 "completion $sh"
	expect_err_empty "completion $sh: nothing on stderr"
	cp "$OUT" "$D/script.$sh"
	for c in $cmds; do
		grep -qw -- "$c" "$D/script.$sh" && ok || \
		    fail "the $sh script names $c"
	done
done
run completion
expect_rc 2 "completion without a shell"
run completion tcsh
expect_rc 2 "completion for an unknown shell"
expect_err_has "^cronkeep: completion: no script for 'tcsh' \\(bash, zsh or fish\\)\$" \
    "says which shells"

# The installed scripts are the same text (built by meson).
if [ -n "${CK_BUILD:-}" ] && [ -f "$CK_BUILD/src/cli/completion/cronkeep" ]; then
	same "$CK_BUILD/src/cli/completion/cronkeep" "$D/script.bash" \
	    "the built bash script"
	same "$CK_BUILD/src/cli/completion/_cronkeep" "$D/script.zsh" \
	    "the built zsh script"
	same "$CK_BUILD/src/cli/completion/cronkeep.fish" "$D/script.fish" \
	    "the built fish script"
fi

# ---- bash: call the function as bash's completion would ----
if ! command -v bash >/dev/null 2>&1; then
	skip "no bash"
fi
bash -n "$D/script.bash" && ok || fail "the bash script parses"

# comp WORD...: the last word is the one being completed; prints COMPREPLY
# one per line, sorted.
comp() {
	bash -c '
		. "$1"
		shift
		complete -p cronkeep >/dev/null || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_cronkeep cronkeep "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD-1]}"
		((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" | sort; :
	' comp "$D/script.bash" "$@" > "$OUT" 2> "$ERR"
	RC=$?
}

comp cronkeep li
expect_rc 0 "the function runs"
expect_out list "cronkeep li -> list"
expect_err_empty "no noise"
comp cronkeep ex
printf '%s\n' exec explain export > "$D/want"
same "$OUT" "$D/want" "cronkeep ex -> exec explain export"
comp cronkeep check --fa
expect_out --fail-on "cronkeep check --fa -> --fail-on"
comp cronkeep check --fail-on ''
printf '%s\n' error note warning > "$D/want"
same "$OUT" "$D/want" "--fail-on: the levels"
comp cronkeep --dialect ''
printf '%s\n' auto busybox cronie debian openbsd portable > "$D/want"
same "$OUT" "$D/want" "cronkeep --dialect: the dialect names"
comp cronkeep list --dialect op
expect_out openbsd "--dialect after the command"
comp cronkeep check --format ''
printf '%s\n' github json sarif text > "$D/want"
same "$OUT" "$D/want" "check --format"
comp cronkeep diff --format ''
printf '%s\n' semantic unified > "$D/want"
same "$OUT" "$D/want" "diff --format: its own values"
comp cronkeep export --to ''
printf '%s\n' kubernetes systemd > "$D/want"
same "$OUT" "$D/want" "export --to"
comp cronkeep completion ''
printf '%s\n' bash fish zsh > "$D/want"
same "$OUT" "$D/want" "completion's operand"
comp cronkeep help sh
printf '%s\n' shell show > "$D/want"
same "$OUT" "$D/want" "help's operand: commands"
comp cronkeep set --id x '0 5 * * *' -- /bin/x --
expect_out_empty "nothing after --"
comp cronkeep set --every ''
expect_out_empty "free text: nothing"
# Options: the command's own and the global ones, nothing else.
comp cronkeep list --
expect_out_has '^--verbose$' "list's own option"
expect_out_has '^--json$' "a global option"
expect_out_lacks '^--fail-on$' "not check's option"
comp cronkeep --j
expect_out --json "an option before the command"
# Paths: files where a file is expected.
mkdir "$D/dir"
: > "$D/dir/crontab.one"
comp cronkeep -f "$D/dir/cront"
expect_out "$D/dir/crontab.one" "-f: a file"
comp cronkeep check "$D/dir/c"
expect_out "$D/dir/crontab.one" "check's operand: a file"
comp cronkeep export --output "$D/di"
expect_out "$D/dir" "export -o: a directory"
# Job ids: 'cronkeep list --json' on the crontab the line selects.
printf '%s\n' '# cronkeep: alpha' '0 1 * * * a' '#Ansible: beta' \
    '0 2 * * * b' > "$D/tab"
PATH=$(dirname "$CRONKEEP"):$PATH
export PATH
comp cronkeep -f "$D/tab" enable --id ''
printf '%s\n' alpha beta > "$D/want"
same "$OUT" "$D/want" "--id: the ids of the -f file"
comp cronkeep enable -f "$D/tab" --id b
expect_out beta "--id with -f after the command"

# Hostile ids (a user's own crontab, completed by root): the ids are data.
# Nothing in them may run, and each is offered as one shell-quoted word.
H=$D/pwned
printf '%s\n' "#Ansible: \$(touch \${IFS}$H.1)" '0 1 * * * a' \
    "# Puppet Name: \`touch $H.2\`" '0 2 * * * b' \
    "# cronkeep: x;touch${IFS:- }$H.3" '0 3 * * * c' \
    '#Ansible: rotate logs' '0 4 * * * d' > "$D/hostile"
comp cronkeep -f "$D/hostile" run --id ''
[ ! -e "$H.1" ] && [ ! -e "$H.2" ] && [ ! -e "$H.3" ] && ok ||
    fail "bash: completing --id ran text from the crontab"
expect_out_has '^\\\$\\\(touch' "bash: \$( is offered escaped"
expect_out_has '^rotate\\ logs$' "bash: a space in an id is escaped"
# What bash offers, read back as bash would read it, is the id itself.
while IFS= read -r w; do
	eval "set -- $w"	# the test's own data, as the shell would parse it
	[ $# -eq 1 ] && ok || fail "bash: '$w' is not one word"
done < "$OUT"
[ ! -e "$H.1" ] && [ ! -e "$H.2" ] && [ ! -e "$H.3" ] && ok ||
    fail "bash: an offered id runs when typed"
comp cronkeep -f "$D/hostile" run --id rot
expect_out 'rotate\ logs' "bash: prefix match"
comp cronkeep -f "$D/hostile" run --id 'rotate\ l'
expect_out 'rotate\ logs' "bash: prefix as typed, quoted"

# ---- zsh, fish: their own parsers, when installed ----
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$D/script.zsh" && ok || fail "the zsh script parses"
	# An interactive zsh on a pseudo-terminal (zsh/zpty): compinit
	# with the script in $fpath, then TAB after each line; each wait
	# is for the completed text.
	mkdir "$D/zfunc"
	cp "$D/script.zsh" "$D/zfunc/_cronkeep"
	cat > "$D/zt.zsh" <<'EOF'
zmodload zsh/zpty || exit 77
zpty z 'PS1="> " HOME=$1 zsh -f -i'
zpty -w z "fpath=($1/zfunc \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'setopt nobeep; bindkey "^I" complete-word'
try() {
	zpty -n -w z "$1"
	zpty -r z out "*$2*" && print -r -- "OK $3"
	zpty -n -w z $'\x15'
}
try $'cronkeep li\t' 'cronkeep list' list
try $'cronkeep check --fail-on \t' 'warning' fail-on
try $'cronkeep -f '$1$'/tab enable --id b\t' '--id beta' id
try $'cronkeep -f '$1$'/hostile run --id rot\t' 'rotate\\ logs' hostile
try $'cronkeep -f '$1$'/hostile run --id \\$\t' 'touch' hostile2
zpty -d z
EOF
	timeout 30 zsh -f "$D/zt.zsh" "$D" > "$OUT" 2> "$ERR"
	RC=$?
	if [ $RC -ne 77 ]; then
		expect_out_has '^OK list$' "zsh: cronkeep li -> list"
		expect_out_has '^OK fail-on$' "zsh: --fail-on levels"
		expect_out_has '^OK id$' "zsh: --id: the ids of the -f file"
		expect_out_has '^OK hostile$' "zsh: an id with a space"
		[ ! -e "$H.1" ] && [ ! -e "$H.2" ] && [ ! -e "$H.3" ] && ok ||
		    fail "zsh: completing --id ran text from the crontab"
	fi
fi
if command -v fish >/dev/null 2>&1; then
	fish --no-execute "$D/script.fish" && ok || fail "the fish script parses"
	# fishc LINE: what fish completes for LINE (first column, sorted).
	fishc() {
		HOME=$D fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		    "$D/script.fish" "$1" 2>"$ERR" | cut -f1 | sort > "$OUT"
	}
	fishc 'cronkeep li'
	expect_out list "fish: cronkeep li -> list"
	fishc 'cronkeep check --fail-on '
	printf '%s\n' error note warning > "$D/want"
	same "$OUT" "$D/want" "fish: --fail-on levels"
	fishc "cronkeep -f $D/tab enable --id "
	printf '%s\n' alpha beta > "$D/want"
	same "$OUT" "$D/want" "fish: --id: the ids of the -f file"
	fishc "cronkeep -f $D/hostile run --id "
	[ ! -e "$H.1" ] && [ ! -e "$H.2" ] && [ ! -e "$H.3" ] && ok ||
	    fail "fish: completing --id ran text from the crontab"
	expect_out_has '^rotate logs$' "fish: an id with a space"
	expect_out_has '^\$\(touch' "fish: the hostile id, as data"
	fishc 'cronkeep --dialect op'
	expect_out openbsd "fish: --dialect"
fi
grep -q '^#compdef cronkeep$' "$D/script.zsh" && ok || fail "zsh: #compdef"
grep -q "^complete -c cronkeep -n '__fish_seen_subcommand_from check' -l fail-on -x -a 'error warning note'\$" \
    "$D/script.fish" && ok || fail "fish: check --fail-on and its levels"
finish
