/* SPDX-License-Identifier: ISC */
/*
 * fmt.c - vsnprintf(3) for the conversions messages use, without stdio.
 *
 * `cronkeep check` formats one or two messages per line of a crontab;
 * glibc's vsnprintf costs about 1,700 instructions for each of them (it
 * sets up a FILE and walks its generic printf machinery), which was a
 * sixth of the whole run.  ck_vfmt handles %s, %.*s, %c, %d/%i, %u,
 * %x/%X, %o and %% with the '-' and '0' flags, a width and a precision
 * (digits or '*'), and the l/ll/z/j/t lengths, in one pass into the
 * caller's buffer.  Anything else (a '+', ' ' or '#' flag, a precision
 * on an integer, an h or hh length, %p, floating point, a NULL string)
 * is handed to vsnprintf itself, so the result is always what vsnprintf
 * would give: the unit test compares the two on every supported form.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

struct out {
	char	*p;
	size_t	 size;	/* room in p, NUL included */
	size_t	 n;	/* bytes the full result has so far */
};

static void
put(struct out *o, const char *s, size_t len)
{
	if (o->n < o->size) {
		size_t room = o->size - 1 - o->n;

		memcpy(o->p + o->n, s, len < room ? len : room);
	}
	o->n += len;
}

static void
pad(struct out *o, char c, size_t len)
{
	while (len > 0) {
		if (o->n + 1 < o->size)
			o->p[o->n] = c;
		o->n++;
		len--;
	}
}

/* Emit s (len bytes) in a field of width: right-aligned unless left. */
static void
field(struct out *o, const char *s, size_t len, size_t width, bool left)
{
	if (!left && width > len)
		pad(o, ' ', width - len);
	put(o, s, len);
	if (left && width > len)
		pad(o, ' ', width - len);
}

int
ck_vfmt(char *dst, size_t size, const char *fmt, va_list ap)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	struct out o = { dst, size, 0 };
	const char *f = fmt, *lit, *s;
	char num[24 + 1], *np, conv;
	size_t width, prec, len;
	bool left, zero, has_prec, neg;
	int lng, base, w;
	uintmax_t u;
	intmax_t v;
	va_list cp;

	va_copy(cp, ap);
	for (;;) {
		/* strchr(3) scans the text between conversions in words. */
		lit = f;
		if ((f = strchr(lit, '%')) == NULL)
			f = lit + strlen(lit);
		if (f > lit)
			put(&o, lit, (size_t)(f - lit));
		if (*f == '\0')
			break;
		f++;
		left = zero = has_prec = false;
		width = prec = 0;
		for (;; f++) {
			if (*f == '-')
				left = true;
			else if (*f == '0')
				zero = true;
			else
				break;
		}
		if (*f == '*') {
			f++;
			if ((w = va_arg(cp, int)) < 0) {
				left = true;
				width = -(size_t)w;
			} else
				width = (size_t)w;
		} else
			while (ck_isdigit((unsigned char)*f)) {
				if (width > 100000)
					goto fallback;
				width = width * 10 + (size_t)(*f++ - '0');
			}
		if (*f == '.') {
			f++;
			has_prec = true;
			if (*f == '*') {
				f++;
				if ((w = va_arg(cp, int)) < 0)
					has_prec = false;
				else
					prec = (size_t)w;
			} else
				while (ck_isdigit((unsigned char)*f)) {
					if (prec > 100000)
						goto fallback;
					prec = prec * 10 + (size_t)(*f++ - '0');
				}
		}
		if (width > 100000)
			goto fallback;
		/*
		 * Length: 0 int, 1 long, 2 long long, 3 size_t, 4 intmax_t,
		 * 5 ptrdiff_t.  hh and h (a value cut to char or short) are
		 * left to vsnprintf.
		 */
		lng = 0;
		switch (*f) {
		case 'h':
			goto fallback;
		case 'l':
			if (f[1] == 'l') {
				lng = 2;
				f += 2;
			} else {
				lng = 1;
				f++;
			}
			break;
		case 'z':
			lng = 3;
			f++;
			break;
		case 'j':
			lng = 4;
			f++;
			break;
		case 't':
			lng = 5;
			f++;
			break;
		}
		conv = *f++;
		switch (conv) {
		case '%':
			if (lng != 0 || width != 0 || has_prec || left || zero)
				goto fallback;
			put(&o, "%", 1);
			break;
		case 's':
			if (lng != 0 || zero)
				goto fallback;
			if ((s = va_arg(cp, const char *)) == NULL)
				goto fallback;
			len = has_prec ? strnlen(s, prec) : strlen(s);
			field(&o, s, len, width, left);
			break;
		case 'c':
			if (lng != 0 || has_prec || zero)
				goto fallback;
			num[0] = (char)(unsigned char)va_arg(cp, int);
			field(&o, num, 1, width, left);
			break;
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (has_prec)
				goto fallback;
			neg = false;
			if (conv == 'd' || conv == 'i') {
				switch (lng) {
				case 0: v = va_arg(cp, int); break;
				case 1: v = va_arg(cp, long); break;
				case 2: v = va_arg(cp, long long); break;
				case 3: v = (intmax_t)va_arg(cp, size_t); break;
				case 4: v = va_arg(cp, intmax_t); break;
				default: v = va_arg(cp, ptrdiff_t); break;
				}
				/* The magnitude, without overflow at INTMAX_MIN. */
				neg = v < 0;
				u = neg ? -(uintmax_t)v : (uintmax_t)v;
			} else {
				switch (lng) {
				case 0: u = va_arg(cp, unsigned int); break;
				case 1: u = va_arg(cp, unsigned long); break;
				case 2: u = va_arg(cp, unsigned long long);
					break;
				case 3: u = va_arg(cp, size_t); break;
				case 4: u = va_arg(cp, uintmax_t); break;
				default: u = (uintmax_t)va_arg(cp, ptrdiff_t);
					break;
				}
			}
			base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ?
			    16 : 10;
			np = num + sizeof(num);
			do {
				*--np = (conv == 'X' ? upper : lower)[u %
				    (unsigned)base];
				u /= (unsigned)base;
			} while (u != 0);
			len = (size_t)(num + sizeof(num) - np);
			if (zero && !left) {
				if (neg)
					put(&o, "-", 1);
				if (width > len + neg)
					pad(&o, '0', width - len - neg);
				put(&o, np, len);
			} else {
				if (neg)
					*--np = '-';
				field(&o, np, len + neg, width, left);
			}
			break;
		default:
			goto fallback;
		}
	}
	va_end(cp);
	if (o.size > 0)
		o.p[o.n < o.size ? o.n : o.size - 1] = '\0';
	return o.n > INT_MAX ? -1 : (int)o.n;
fallback:
	va_end(cp);
	return vsnprintf(dst, size, fmt, ap);
}

int
ck_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ck_vfmt(dst, size, fmt, ap);
	va_end(ap);
	return n;
}
