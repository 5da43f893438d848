/*
 * text.c: gig_text_visible(), the one place that makes outside text (bank rows, typed
 * names, file names in messages) safe to print on a terminal or write into a text file.
 */
#include <string.h>

#include "internal.h"

char *
gig_text_visible(const char *text)
{
	if (text == NULL)
		return g_strdup("");
	/* Invalid UTF-8 becomes U+FFFD first, so every step below walks whole characters. */
	g_autofree char *valid = g_utf8_make_valid(text, -1);
	GString *out = g_string_sized_new(strlen(valid));
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20 || c == 0x7f)
			g_string_append_printf(out, "\\x%02x", (unsigned)c);
		else if (c >= 0x80 && c <= 0x9f)
			g_string_append_printf(out, "\\u%04x", (unsigned)c);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	return g_string_free(out, false);
}
