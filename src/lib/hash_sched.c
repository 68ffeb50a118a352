/* SPDX-License-Identifier: ISC */
/*
 * hash_sched.c - hashed schedules: Jenkins' "H" forms resolved to plain
 * cron that every dialect reads.
 *
 * A field element is one of (the rest of the field grammar is expr.c's):
 *
 *	hashed	= "H" [ "(" value "-" value ")" ] [ "/" step ]
 *
 * The key is FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3), over the bytes HOST NUL OWNER NUL ID, or over the seed
 * when the caller gives one.  Field f (0 minute ... 4 day of week) draws
 * the number h(f) = FNV-1a continued from the key over the two bytes NUL
 * and the digit '0'+f; that is, FNV-1a of KEY NUL DIGIT.  Then, with the
 * range lo-hi (the field's, or the one in parentheses; a bare H in the
 * day of month takes 1-28, as Jenkins does, so that every month has it):
 *
 *	H		lo + h mod (hi - lo + 1)
 *	H/N		start = lo + h mod min(N, hi - lo + 1), then every N
 *			up to hi, written as a list ("7,22,37,52")
 *
 * docs/cronkeep.1 (HASHED TIMES) documents the same, and tests/unit
 * checks it against a Python reference.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FNV_BASIS	UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME	UINT64_C(0x100000001b3)

static const struct {
	int	lo, hi, hlo, hhi;	/* field range; a bare H's range */
} ranges[5] = {
	{ 0, 59, 0, 59 }, { 0, 23, 0, 23 }, { 1, 31, 1, 28 },
	{ 1, 12, 1, 12 }, { 0, 7, 0, 6 }
};

static uint64_t
fnv(uint64_t h, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= FNV_PRIME;
	}
	return h;
}

int
ck_hash_key(const ck_hash_opts *opts, unsigned long long *key,
    ck_error *err)
{
	ck_hash_opts o;
	uint64_t h = FNV_BASIS;

	if (ck_opts_read(&o, sizeof(o), opts, "ck_hash_opts", err) == -1)
		return -1;
	if (o.seed != NULL) {
		h = fnv(h, o.seed, o.seed_len);
	} else {
		if (o.host != NULL)
			h = fnv(h, o.host, o.host_len);
		h = fnv(h, "", 1);
		if (o.owner != NULL)
			h = fnv(h, o.owner, o.owner_len);
		h = fnv(h, "", 1);
		if (o.id != NULL)
			h = fnv(h, o.id, o.id_len);
	}
	*key = h;
	return 0;
}

bool
ck_sched_is_hashed(const char *text, size_t len)
{
	size_t i;

	if (len > 0 && text[0] == '@')
		return false;
	for (i = 0; i < len; i++)
		if (text[i] == 'H' && (i == 0 || ck_isblank(text[i - 1]) ||
		    text[i - 1] == ',') && (i + 1 == len ||
		    ck_isblank(text[i + 1]) || text[i + 1] == ',' ||
		    text[i + 1] == '/' || text[i + 1] == '('))
			return true;
	return false;
}

/* A number or (month, day of week) a name, within the field. */
static int
value(int f, const char *s, size_t len, int *out)
{
	long v = 0;
	size_t i;

	if (len == 0)
		return -1;
	if (ck_field_value_from_name((enum ck_field)f, s, len, out) == 0)
		return 0;
	for (i = 0; i < len; i++) {
		if (!ck_isdigit(s[i]) || v > 1000)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < ranges[f].lo || v > ranges[f].hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* Append text to a growing string. */
static int
put(struct ck_buf *b, const char *s, size_t len)
{
	return ck_buf_add(b, s, len);
}

static int
put_int(struct ck_buf *b, int v)
{
	return ck_buf_printf(b, "%d", v);
}

/*
 * One element starting with "H" at s (len bytes, up to the next comma or
 * blank), field f, column col (1-based) for messages.
 */
static int
element(struct ck_buf *b, int f, const char *s, size_t len, uint64_t key,
    unsigned int col, ck_error *err)
{
	static const char *const names[5] = { "minute", "hour",
	    "day of month", "month", "day of week" };
	char tail[2];
	const char *p = s + 1, *end = s + len, *dash, *close;
	uint64_t h;
	long step = 0;
	int lo = ranges[f].hlo, hi = ranges[f].hhi, v, span, first;

	if (p < end && *p == '(') {
		close = memchr(p, ')', (size_t)(end - p));
		dash = memchr(p, '-', (size_t)(end - p));
		if (close == NULL || dash == NULL || dash > close ||
		    value(f, p + 1, (size_t)(dash - p - 1), &lo) == -1 ||
		    value(f, dash + 1, (size_t)(close - dash - 1), &hi) == -1)
			return ck_error_set(err, CK_ESYNTAX, 1, col, "H(A-B): "
			    "A and B are %s values", names[f]);
		if (lo > hi)
			return ck_error_set(err, CK_ERANGE, 1, col, "H(%d-%d): "
			    "the range runs backwards", lo, hi);
		p = close + 1;
	}
	if (p < end && *p == '/') {
		for (p++; p < end && ck_isdigit(*p) && step <= 1000; p++)
			step = step * 10 + (*p - '0');
		if (step < 1 || step > ranges[f].hi + 1 || p < end)
			return ck_error_set(err, CK_ERANGE, 1, col, "H/N: N is "
			    "1 to %d in the %s field", ranges[f].hi + 1,
			    names[f]);
	}
	if (p < end)
		return ck_error_set(err, CK_ESYNTAX, 1, col, "say H, H/N, "
		    "H(A-B) or H(A-B)/N");
	tail[0] = '\0';
	tail[1] = (char)('0' + f);
	h = fnv(key, tail, 2);
	span = hi - lo + 1;
	if (step == 0)
		return put_int(b, lo + (int)(h % (uint64_t)span));
	first = lo + (int)(h % (uint64_t)(step < span ? step : span));
	for (v = first; v <= hi; v += (int)step) {
		if (v != first && put(b, ",", 1) == -1)
			return -1;
		if (put_int(b, v) == -1)
			return -1;
	}
	return 0;
}

char *
ck_sched_resolve(const char *text, size_t len, unsigned long long key,
    size_t *outlen, ck_error *err)
{
	struct ck_buf b;
	size_t i = 0, j, k;
	char *out;
	int f = 0;

	memset(&b, 0, sizeof(b));
	if (len > 0 && text[0] == '@') {
		if (put(&b, text, len) == -1)
			goto oom;
		goto done;
	}
	for (;;) {
		while (i < len && ck_isblank(text[i]))
			i++;
		if (i == len)
			break;
		if (f == 5) {
			ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)i + 1,
			    "a schedule has five fields");
			goto fail;
		}
		if (f > 0 && put(&b, " ", 1) == -1)
			goto oom;
		for (j = i; j < len && !ck_isblank(text[j]); j++)
			;
		/* The field text[i..j), element by element. */
		for (k = i; k <= j; ) {
			size_t e = k;

			while (e < j && text[e] != ',')
				e++;
			if (k > i && put(&b, ",", 1) == -1)
				goto oom;
			if (e > k && text[k] == 'H') {
				if (element(&b, f, text + k, e - k, key,
				    (unsigned int)k + 1, err) == -1) {
					if (b.oom)
						goto oom;
					goto fail;
				}
			} else if (put(&b, text + k, e - k) == -1)
				goto oom;
			k = e + 1;
		}
		i = j;
		f++;
	}
	if (f != 5) {
		ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)len + 1,
		    "a schedule has five fields, this one %d", f);
		goto fail;
	}
done:
	if ((out = ck_buf_take(&b, outlen)) == NULL)
		goto oom;
	return out;
oom:
	ck_error_oom(err);
fail:
	ck_buf_free(&b);
	return NULL;
}

/* Case-insensitive: does s (len bytes) start with the word w? */
static bool
word_at(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w), i;

	if (len < n || (len > n && ck_isalnum(s[n])))
		return false;
	for (i = 0; i < n; i++)
		if (ck_tolower(s[i]) != w[i])
			return false;
	return true;
}

/* "HH:MM" (H:MM too) at s; the bytes read, or 0. */
static size_t
clock_at(const char *s, size_t len, int *h, int *m)
{
	size_t i = 0;

	*h = 0;
	while (i < len && i < 2 && ck_isdigit(s[i]))
		*h = *h * 10 + (s[i++] - '0');
	if (i == 0 || i + 3 > len || s[i] != ':' || !ck_isdigit(s[i + 1]) ||
	    !ck_isdigit(s[i + 2]) || (i + 3 < len && ck_isalnum(s[i + 3])))
		return 0;
	*m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	if (*h > 23 || *m > 59)
		return 0;
	return i + 3;
}

static size_t
skip_blank(const char *s, size_t i, size_t len)
{
	while (i < len && ck_isblank(s[i]))
		i++;
	return i;
}

/*
 * The clause this adds to the phrases of ck_phrase_to_cron() (docs/
 * explain.md):
 *
 *	some	= "at" "some" ("minute" / "time")
 *		  [ ("between" TIME "and" / "from" TIME "to") TIME ]
 *
 * "some minute" makes the minute H; "some time" the hour too; a window
 * makes them H(A-B) from the hour of its start up to the hour before its
 * end (or its end hour when it ends at :59).  The window must start at
 * :00 and end at :00 or :59, or no H form says it exactly.
 */
char *
ck_phrase_to_hashed(const char *text, size_t len, ck_error *err)
{
	struct ck_buf b;
	const char *at = NULL;
	char *cron = NULL, *out = NULL, *sp1, *sp2;
	size_t i, n, start = 0, end = 0;
	int h1 = 0, m1 = 0, h2 = 23, m2 = 59, hhi = 23;
	bool time = false, window = false;

	for (i = 0; i + 2 <= len && at == NULL; i++) {
		if ((i > 0 && ck_isalnum(text[i - 1])) ||
		    !word_at(text + i, len - i, "at"))
			continue;
		n = skip_blank(text, i + 2, len);
		if (n == i + 2 || !word_at(text + n, len - n, "some"))
			continue;
		at = text + i;
		start = i;
		n = skip_blank(text, n + 4, len);
		if (word_at(text + n, len - n, "time"))
			time = true, n += 4;
		else if (word_at(text + n, len - n, "minute"))
			n += 6;
		else
			return ck_error_set(err, CK_ESYNTAX, 1,
			    (unsigned int)n + 1, "say \"at some minute\" or "
			    "\"at some time\""), NULL;
		end = n;
		n = skip_blank(text, n, len);
		if (word_at(text + n, len - n, "between") ||
		    word_at(text + n, len - n, "from")) {
			bool btw = ck_tolower(text[n]) == 'b';
			size_t k;

			n = skip_blank(text, n + (btw ? 7 : 4), len);
			if ((k = clock_at(text + n, len - n, &h1, &m1)) == 0)
				goto badwin;
			n = skip_blank(text, n + k, len);
			if (!word_at(text + n, len - n, btw ? "and" : "to"))
				goto badwin;
			n = skip_blank(text, n + (btw ? 3 : 2), len);
			if ((k = clock_at(text + n, len - n, &h2, &m2)) == 0)
				goto badwin;
			end = n + k;
			window = true;
		}
	}
	if (at == NULL)
		return ck_phrase_to_cron(text, len, err);
	if (window && (m1 != 0 || (m2 != 0 && m2 != 59) ||
	    (hhi = m2 == 0 ? h2 - 1 : h2) < h1))
		return ck_error_set(err, CK_ERANGE, 1, (unsigned int)start + 1,
		    "a window for \"some minute\" starts at :00 and ends at "
		    ":00 or :59, later the same day (%02d:%02d to %02d:%02d "
		    "has no exact cron form)", h1, m1, h2, m2), NULL;
	if (!window)
		hhi = 23;
	/* The phrase without the clause, fixed at the window's start. */
	memset(&b, 0, sizeof(b));
	ck_buf_add(&b, text, start);
	if (window || time)
		ck_buf_printf(&b, "at %02d:00", h1);
	ck_buf_add(&b, text + end, len - end);
	if (b.oom) {
		ck_buf_free(&b);
		return ck_error_oom(err), NULL;
	}
	cron = ck_phrase_to_cron(b.p, b.len, err);
	ck_buf_free(&b);
	if (cron == NULL)
		return NULL;
	/* Now "M H rest": M must be 0 and, with a time or window, H h1. */
	sp1 = strchr(cron, ' ');
	sp2 = sp1 != NULL ? strchr(sp1 + 1, ' ') : NULL;
	if (sp2 == NULL || sp1 - cron != 1 || cron[0] != '0' ||
	    ((window || time) && strtol(sp1 + 1, NULL, 10) != h1) ||
	    ((window || time) && sp2 - sp1 - 1 != (h1 > 9 ? 2 : 1))) {
		ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)start + 1,
		    "\"some minute\" needs a schedule that fires once an "
		    "hour or once a day (%s)", cron);
		free(cron);
		return NULL;
	}
	memset(&b, 0, sizeof(b));
	if (window && hhi > h1)
		ck_buf_printf(&b, "H H(%d-%d)%s", h1, hhi, sp2);
	else if (window)
		ck_buf_printf(&b, "H %d%s", h1, sp2);
	else if (time)
		ck_buf_printf(&b, "H H%s", sp2);
	else
		ck_buf_printf(&b, "H%s", sp1);
	free(cron);
	if ((out = ck_buf_take(&b, NULL)) == NULL)
		ck_error_oom(err);
	return out;
badwin:
	return ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)n + 1,
	    "say \"between HH:MM and HH:MM\" or \"from HH:MM to HH:MM\""),
	    NULL;
}
