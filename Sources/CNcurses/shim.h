#ifndef USAGETOP_CNCURSES_SHIM_H
#define USAGETOP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Function-like curses macros do not import into Swift: wrap them. */

static inline int shim_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int shim_attr_bold(void) { return (int)A_BOLD; }
static inline int shim_attr_dim(void) { return (int)A_DIM; }
static inline int shim_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int shim_attr_reverse(void) { return (int)A_REVERSE; }
static inline int shim_attr_normal(void) { return (int)A_NORMAL; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline void shim_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }

/* Reads one wide character or key code; returns OK, KEY_CODE_YES or ERR. */
static inline int shim_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *out = (unsigned int)ch;
    return rc;
}

/* Writes a UTF-8 string at (y, x) with the given attributes and colour pair. */
static inline int shim_put(int y, int x, const char *utf8, int attrs, int pair) {
    attr_set((attr_t)attrs, (short)pair, NULL);
    return mvaddstr(y, x, utf8);
}

#endif
