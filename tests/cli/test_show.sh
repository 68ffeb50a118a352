#!/bin/sh
# SPDX-License-Identifier: ISC
# show prints a crontab byte for byte, whatever it holds.
. "$(dirname "$0")/lib.sh"

for f in "$CK_TEST_DATA"/valid/*.crontab; do
	run -f "$f" show
	expect_rc 0 "show $f"
	expect_out_file "$f" "show is byte-identical for $(basename "$f")"
done

# Invalid lines, NUL bytes and invalid UTF-8 are kept as they are.
printf '61 * * * * bad\n\377\376 junk\0 here\nno newline' > "$T_TMP/odd"
run -f "$T_TMP/odd" show
expect_rc 0 "show with bad lines"
expect_out_file "$T_TMP/odd" "bad lines survive show"

# Standard input.
run_in "$CK_TEST_DATA/valid/crlf.crontab" -f - show
expect_out_file "$CK_TEST_DATA/valid/crlf.crontab" "show -f - reads stdin"

# JSON carries the text exactly (escaped).
run -f "$CK_TEST_DATA/valid/crlf.crontab" show --json
expect_json 'd["crontabs"][0]["text"] == open(sys.argv[0] if False else "'"$CK_TEST_DATA"'/valid/crlf.crontab", newline="").read()' "show --json text"

# Errors: a missing file is EX_NOINPUT (66) with its name.
run -f "$T_TMP/does-not-exist" show
expect_rc 66 "missing file"
expect_err_has "does-not-exist" "the error names the file"

run show extra-arg
expect_rc 2 "usage error"
run show --help
expect_rc 0 "show --help"
expect_out_has "usage: cronkeep" "help text"

finish
