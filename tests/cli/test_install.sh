#!/bin/sh
# What `meson install` puts on a system, as a consumer and a packager see
# it: cronkeep.pc hands out the include folder only (libbsd stays private,
# so a program with its own strlcpy builds against the library), the
# completions land where Debian's shells look, and the program's run-time
# libraries are visible to ldd(1).
. "$(dirname "$0")/lib.sh"

command -v cc >/dev/null || skip "no C compiler"
command -v pkg-config >/dev/null || skip "no pkg-config"
DEST=$T_TMP/dest
meson install -C "$CK_BUILD" --no-rebuild --destdir "$DEST" >"$T_TMP/install.log" 2>&1 || {
	cat "$T_TMP/install.log" >&2; fail "meson install"; finish; }
pc=$(find "$DEST" -name cronkeep.pc | head -1)
[ -n "$pc" ] && ok || { fail "no installed cronkeep.pc"; finish; }
prefix=$(sed -n 's/^prefix=//p' "$pc")
incdir=$(sed -n 's/^includedir=//p' "$pc" | sed "s|\${prefix}|$prefix|")
[ -f "$DEST$incdir/cronkeep.h" ] && ok || fail "cronkeep.h in $incdir"
datadir=$DEST$prefix/share
export PKG_CONFIG_PATH=$(dirname "$pc")
export LD_LIBRARY_PATH=$(dirname "$(find "$DEST" -name 'libcronkeep.so*' | head -1)")

# ---- pkg-config ----
# As on the installed system (no sysroot): the include folder and nothing
# else.
cflags=$(pkg-config --cflags cronkeep)
[ "$(echo $cflags)" = "-I$incdir" ] && ok || \
    fail "pkg-config --cflags cronkeep: '$cflags', want '-I$incdir' alone"
pkg-config --print-requires cronkeep > "$OUT"
expect_out_empty "no public Requires"
pkg-config --print-requires-private cronkeep > "$OUT"
expect_out_lacks 'overlay' "libbsd-overlay is not required of consumers"

# A consumer with a strlcpy of its own: an error ("static declaration
# follows non-static") when libbsd's overlay headers leak into its cflags.
cat > "$T_TMP/consumer.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <cronkeep.h>

static size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

int
main(int argc, char **argv)
{
	char buf[64];
	ck_error err;
	ck_expr *e;
	char *s;

	if (argc != 2)
		return 2;
	strlcpy(buf, argv[1], sizeof(buf));
	if ((e = ck_expr_parse(buf, strlen(buf), CK_DIALECT_DEBIAN,
	    &err)) == NULL) {
		printf("error: %s\n", err.msg);
		return 1;
	}
	s = ck_expr_describe(e, 0, &err);
	printf("%s\n", s != NULL ? s : err.msg);
	free(s);
	ck_expr_free(e);
	return 0;
}
EOF
# From here on, the installed copy under $DEST.
export PKG_CONFIG_SYSROOT_DIR=$DEST
# A library built with sanitizers needs programs built with them too.
san=
case "${CK_SANITIZE:-none}" in
none|"") ;;
*) san="-fsanitize=$CK_SANITIZE" ;;
esac
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Werror $san -o "$T_TMP/consumer" \
    "$T_TMP/consumer.c" $(pkg-config --cflags --libs cronkeep) \
    2>"$T_TMP/cc.log"; then ok; else
	cat "$T_TMP/cc.log" >&2; fail "a consumer with its own strlcpy builds"; fi
if [ -x "$T_TMP/consumer" ]; then
	"$T_TMP/consumer" '*/15 9-17 * * mon-fri' > "$OUT" 2>"$ERR"
	expect_out_has '^every 15 minutes' "the consumer runs against the installed library"
fi

# ---- completions: Debian's folders for prefix/share ----
[ -s "$datadir/bash-completion/completions/cronkeep" ] && ok || \
    fail "bash completion in share/bash-completion/completions"
[ -s "$datadir/zsh/vendor-completions/_cronkeep" ] && ok || \
    fail "zsh completion in share/zsh/vendor-completions"
[ -s "$datadir/fish/vendor_completions.d/cronkeep.fish" ] && ok || \
    fail "fish completion in share/fish/vendor_completions.d"

# ---- run-time libraries: linked, so ldd (and dpkg-shlibdeps) see them ----
exe=$DEST$prefix/bin/cronkeep
if [ -x "$exe" ] && [ "${CK_SANITIZE:-none}" = none ]; then
	ldd "$exe" > "$OUT" 2>&1
	if [ "${CK_HISTORY:-1}" = 1 ]; then
		expect_out_has 'libsqlite3\.so' "ldd lists SQLite"
	fi
	if [ "${CK_READLINE:-0}" = 1 ]; then
		expect_out_has 'libreadline\.so' "ldd lists readline"
	fi
	expect_out_lacks 'not found' "every library is found"
fi
finish
