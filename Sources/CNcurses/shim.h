#ifndef USAGETOP_CNCURSES_SHIM_H
#define USAGETOP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
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
static inline int shim_key_mouse(void) { return KEY_MOUSE; }
/* Clicks, double clicks and the wheel (no motion reports). */
static inline void shim_mouse_on(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}
/* The pending mouse event: 1 click, 2 double click, 3 wheel up, 4 wheel down, 0 none or another button. */
static inline int shim_mouse_event(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x; *y = e.y;
    if (e.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    if (e.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 3;
    if (e.bstate & BUTTON5_PRESSED) return 4;
    return 0;
}
static inline void shim_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }

/* Whether the locale from the environment encodes text as UTF-8 (sets the locale first). */
static inline int shim_locale_is_utf8(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/* Starts curses on stdout/stdin for $TERM; NULL (instead of exiting, as initscr does) when the type is unknown. */
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }

/* A terminal capability string, or NULL when the terminal has none. */
static inline const char *shim_tigetstr(const char *name) {
    char *value = tigetstr((char *)name);
    return (value == (char *)-1) ? NULL : value;
}

/* Catches `sig` with `handler`, without SA_RESTART, so a blocked read returns and the loop sees the signal. */
static inline int shim_catch(int sig, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}

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
