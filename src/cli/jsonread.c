/*
 * jsonread.c - a recursive-descent JSON reader (RFC 8259).
 *
 *   value  = object / array / string / number / "true" / "false" / "null"
 *   object = "{" [ string ":" value *( "," string ":" value ) ] "}"
 *   array  = "[" [ value *( "," value ) ] "]"
 *
 * Whitespace is space, tab, LF and CR.  Strings are decoded: escapes,
 * \uXXXX with surrogate pairs, raw control bytes refused.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonread.h"

#define JV_MAX_DEPTH	64

struct rd {
	const char	*p, *end, *start;
	char		*err;
	size_t		 errlen;
	bool		 failed;
};

static void
fail(struct rd *r, const char *what)
{
	const char *q;
	size_t line = 1, col = 1;

	if (r->failed)
		return;
	r->failed = true;
	for (q = r->start; q < r->p && q < r->end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	snprintf(r->err, r->errlen, "line %zu, column %zu: %s", line, col,
	    what);
}

static void
ws(struct rd *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
	    *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool
lit(struct rd *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return false;
	r->p += n;
	return true;
}

static int
hex4(struct rd *r, unsigned int *out)
{
	unsigned int v = 0;
	int i;
	char c;

	if (r->end - r->p < 4) {
		fail(r, "short \\u escape");
		return -1;
	}
	for (i = 0; i < 4; i++) {
		c = *r->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned int)(c - 'A' + 10);
		else {
			fail(r, "bad \\u escape");
			return -1;
		}
	}
	*out = v;
	return 0;
}

static size_t
utf8(unsigned int c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* A string after its opening quote: *out (allocated), *len. */
static int
string(struct rd *r, char **out, size_t *len)
{
	const char *q;
	char *d;
	size_t k = 0;
	unsigned int c, lo;

	/* The decoded text is never longer than the source. */
	for (q = r->p; q < r->end && *q != '"'; q++)
		if (*q == '\\' && q + 1 < r->end)
			q++;
	if (q >= r->end) {
		fail(r, "unterminated string");
		return -1;
	}
	d = xmalloc((size_t)(q - r->p) + 1);
	while (r->p < r->end && *r->p != '"') {
		c = (unsigned char)*r->p++;
		if (c < 0x20) {
			fail(r, "control character in a string");
			free(d);
			return -1;
		}
		if (c != '\\') {
			d[k++] = (char)c;
			continue;
		}
		switch (*r->p++) {
		case '"': d[k++] = '"'; break;
		case '\\': d[k++] = '\\'; break;
		case '/': d[k++] = '/'; break;
		case 'b': d[k++] = '\b'; break;
		case 'f': d[k++] = '\f'; break;
		case 'n': d[k++] = '\n'; break;
		case 'r': d[k++] = '\r'; break;
		case 't': d[k++] = '\t'; break;
		case 'u':
			if (hex4(r, &c) == -1) {
				free(d);
				return -1;
			}
			if (c >= 0xd800 && c < 0xdc00 && r->end - r->p >= 6 &&
			    r->p[0] == '\\' && r->p[1] == 'u') {
				r->p += 2;
				if (hex4(r, &lo) == -1) {
					free(d);
					return -1;
				}
				if (lo >= 0xdc00 && lo < 0xe000)
					c = 0x10000 + ((c - 0xd800) << 10) +
					    (lo - 0xdc00);
				else {
					k += utf8(0xfffd, d + k);
					c = lo;
				}
			}
			if (c >= 0xd800 && c < 0xe000)
				c = 0xfffd;
			k += utf8(c, d + k);
			break;
		default:
			r->p--;
			fail(r, "bad escape in a string");
			free(d);
			return -1;
		}
	}
	r->p++;		/* the closing quote */
	d[k] = '\0';
	*out = d;
	*len = k;
	return 0;
}

static int value(struct rd *r, struct jv *v, int depth);

static int
number(struct rd *r, struct jv *v)
{
	const char *s = r->p;
	char buf[64];

	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
		fail(r, "bad number");
		return -1;
	}
	while (r->p < r->end && ((*r->p >= '0' && *r->p <= '9') ||
	    *r->p == '.' || *r->p == 'e' || *r->p == 'E' || *r->p == '+' ||
	    *r->p == '-'))
		r->p++;
	if ((size_t)(r->p - s) >= sizeof(buf)) {
		fail(r, "number too long");
		return -1;
	}
	memcpy(buf, s, (size_t)(r->p - s));
	buf[r->p - s] = '\0';
	v->type = JV_NUM;
	v->num = strtod(buf, NULL);
	return 0;
}

static int
array(struct rd *r, struct jv *v, int depth)
{
	size_t cap = 0;

	v->type = JV_ARR;
	ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		return 0;
	}
	for (;;) {
		if (v->n == cap) {
			cap = cap ? cap * 2 : 4;
			v->items = xreallocarray(v->items, cap,
			    sizeof(*v->items));
		}
		memset(&v->items[v->n], 0, sizeof(v->items[0]));
		v->n++;
		if (value(r, &v->items[v->n - 1], depth + 1) == -1)
			return -1;
		ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return 0;
		}
		fail(r, "expected ',' or ']'");
		return -1;
	}
}

static int
object(struct rd *r, struct jv *v, int depth)
{
	size_t cap = 0, klen;
	char *key;

	v->type = JV_OBJ;
	ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		return 0;
	}
	for (;;) {
		ws(r);
		if (r->p >= r->end || *r->p != '"') {
			fail(r, "expected a key");
			return -1;
		}
		r->p++;
		if (string(r, &key, &klen) == -1)
			return -1;
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = xreallocarray(v->items, cap,
			    sizeof(*v->items));
			v->keys = xreallocarray(v->keys, cap, sizeof(*v->keys));
		}
		memset(&v->items[v->n], 0, sizeof(v->items[0]));
		v->keys[v->n] = key;
		v->n++;
		ws(r);
		if (r->p >= r->end || *r->p != ':') {
			fail(r, "expected ':'");
			return -1;
		}
		r->p++;
		if (value(r, &v->items[v->n - 1], depth + 1) == -1)
			return -1;
		ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}') {
			r->p++;
			return 0;
		}
		fail(r, "expected ',' or '}'");
		return -1;
	}
}

static int
value(struct rd *r, struct jv *v, int depth)
{
	if (depth > JV_MAX_DEPTH) {
		fail(r, "nested too deeply");
		return -1;
	}
	ws(r);
	if (r->p >= r->end) {
		fail(r, "unexpected end");
		return -1;
	}
	switch (*r->p) {
	case '{':
		r->p++;
		return object(r, v, depth);
	case '[':
		r->p++;
		return array(r, v, depth);
	case '"':
		r->p++;
		v->type = JV_STR;
		return string(r, &v->s, &v->len);
	case 't':
	case 'f':
	case 'n':
		if (lit(r, "true") || lit(r, "false")) {
			v->type = JV_BOOL;
			v->b = r->p[-1] == 'e' && r->p[-2] == 'u';
			return 0;
		}
		if (lit(r, "null")) {
			v->type = JV_NULL;
			return 0;
		}
		fail(r, "unknown word");
		return -1;
	default:
		return number(r, v);
	}
}

static void
clear(struct jv *v)
{
	size_t i;

	free(v->s);
	for (i = 0; i < v->n; i++) {
		clear(&v->items[i]);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
}

void
jv_free(struct jv *v)
{
	if (v == NULL)
		return;
	clear(v);
	free(v);
}

struct jv *
jv_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct rd r = { text, text + len, text, err, errlen, false };
	struct jv *v = xcalloc(1, sizeof(*v));

	if (value(&r, v, 0) == 0) {
		ws(&r);
		if (r.p == r.end)
			return v;
		fail(&r, "text after the value");
	}
	jv_free(v);
	return NULL;
}

const struct jv *
jv_get(const struct jv *o, const char *key)
{
	size_t i;

	if (o == NULL || o->type != JV_OBJ)
		return NULL;
	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return &o->items[i];
	return NULL;
}

const char *
jv_str(const struct jv *o, const char *key)
{
	const struct jv *v = jv_get(o, key);

	return v != NULL && v->type == JV_STR ? v->s : NULL;
}

double
jv_num(const struct jv *o, const char *key, double dflt)
{
	const struct jv *v = jv_get(o, key);

	return v != NULL && v->type == JV_NUM && isfinite(v->num) ? v->num :
	    dflt;
}

bool
jv_bool(const struct jv *o, const char *key, bool dflt)
{
	const struct jv *v = jv_get(o, key);

	return v != NULL && v->type == JV_BOOL ? v->b : dflt;
}
