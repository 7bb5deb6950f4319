/* libasound reports its errors through a printf-style variadic callback, and defining a C-variadic function
 * needs nightly Rust. This shim is that callback: it formats the message and hands Rust a plain string.
 * It uses no ALSA header (the callback's type is spelled out below), so building needs nothing of ALSA. */
#include <stdarg.h>
#include <stdio.h>

typedef void (*star_coach_alsa_sink)(const char *file, int line, const char *function, int err, const char *message);

static star_coach_alsa_sink sink;

void star_coach_alsa_set_sink(star_coach_alsa_sink new_sink) {
    sink = new_sink;
}

void star_coach_alsa_error(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    char message[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    if (sink) {
        sink(file, line, function, err, message);
    }
}
