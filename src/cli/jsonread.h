/*
 * jsonread.h - a small JSON reader (RFC 8259) for the documents cronkeep
 * reads back: the host inventories of the fleet view.  The whole text
 * becomes a tree of values; strings are decoded to UTF-8 (a NUL byte from
 * \u0000 is kept: use the length).
 */
#ifndef CK_JSONREAD_H
#define CK_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

enum jv_type { JV_NULL = 0, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type	 type;
	bool		 b;		/* JV_BOOL */
	double		 num;		/* JV_NUM */
	char		*s;		/* JV_STR: NUL-terminated, len bytes */
	size_t		 len;
	struct jv	*items;		/* JV_ARR, JV_OBJ: n values */
	char		**keys;		/* JV_OBJ: n keys */
	size_t		 n;
};

/*
 * Parse text (len bytes) as one JSON value.  Nesting deeper than 64 is
 * refused.  On failure err gets "line L, column C: what" and NULL is
 * returned.  Owned by the caller; release with jv_free().
 */
struct jv	*jv_parse(const char *text, size_t len, char *err,
		    size_t errlen);
void		 jv_free(struct jv *v);	/* NULL is a no-op */
/* The member key of object o, or NULL (also when o is not an object). */
const struct jv	*jv_get(const struct jv *o, const char *key);
/* Member key's string, or NULL when absent or not a string.  Borrowed. */
const char	*jv_str(const struct jv *o, const char *key);
/* Member key as a number, or dflt. */
double		 jv_num(const struct jv *o, const char *key, double dflt);
/* Member key as a boolean, or dflt. */
bool		 jv_bool(const struct jv *o, const char *key, bool dflt);

#endif /* CK_JSONREAD_H */
