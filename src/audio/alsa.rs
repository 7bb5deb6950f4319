//! ALSA through libasound loaded at run time, so building needs no ALSA headers and a machine without libasound
//! still starts (audio is then unavailable, with a sentence that says why). Only the few PCM calls the recorder and
//! the player use are bound. libasound's own error chatter ("ALSA lib `confmisc.c:855:(parse_card)` cannot find card
//! '0'") would be printed over the TUI: a C shim (`alsa_log.c`) catches it and it joins the one sentence instead.

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char, c_int, c_long, c_uint, c_ulong, c_void};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::{Backend, Capture, Direction, Playback, SAMPLE_RATE, Unavailable};

const LIBRARY: &str = "libasound.so.2";
const STREAM_PLAYBACK: c_int = 0;
const STREAM_CAPTURE: c_int = 1;
const FORMAT_S16_LE: c_int = 2;
const ACCESS_RW_INTERLEAVED: c_int = 3;
/// How much the device buffers: enough to ride out a busy moment, little enough that a pause is prompt.
const LATENCY_MICROS: c_uint = 200_000;
const EAGAIN: c_int = 11;
const EINTR: c_int = 4;

#[repr(C)]
struct Pcm {
    _private: [u8; 0],
}

type ErrorHandler = unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char, ...);
type Sink = extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char);

unsafe extern "C" {
    /// The variadic handler libasound calls; defined in `alsa_log.c`.
    fn star_coach_alsa_error(
        file: *const c_char,
        line: c_int,
        function: *const c_char,
        err: c_int,
        fmt: *const c_char,
        ...
    );
    fn star_coach_alsa_set_sink(sink: Sink);
}

/// The libasound functions star-coach calls, looked up once.
struct Alsa {
    open: unsafe extern "C" fn(*mut *mut Pcm, *const c_char, c_int, c_int) -> c_int,
    set_params: unsafe extern "C" fn(*mut Pcm, c_int, c_int, c_uint, c_uint, c_int, c_uint) -> c_int,
    readi: unsafe extern "C" fn(*mut Pcm, *mut c_void, c_ulong) -> c_long,
    writei: unsafe extern "C" fn(*mut Pcm, *const c_void, c_ulong) -> c_long,
    recover: unsafe extern "C" fn(*mut Pcm, c_int, c_int) -> c_int,
    avail: unsafe extern "C" fn(*mut Pcm) -> c_long,
    delay: unsafe extern "C" fn(*mut Pcm, *mut c_long) -> c_int,
    drop: unsafe extern "C" fn(*mut Pcm) -> c_int,
    drain: unsafe extern "C" fn(*mut Pcm) -> c_int,
    prepare: unsafe extern "C" fn(*mut Pcm) -> c_int,
    close: unsafe extern "C" fn(*mut Pcm) -> c_int,
    strerror: unsafe extern "C" fn(c_int) -> *const c_char,
    free_config: unsafe extern "C" fn() -> c_int,
    /// Kept loaded for the life of the process: the handler set in it points into our code.
    _library: libloading::Library,
}

static ALSA: OnceLock<Result<Alsa, String>> = OnceLock::new();
/// Held while a stream opens: the recorder and the player open theirs one at a time, so freeing libasound's
/// config afterwards never races another open.
static OPENING: Mutex<()> = Mutex::new(());

impl Alsa {
    fn get() -> Result<&'static Alsa, String> {
        ALSA.get_or_init(Alsa::load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Alsa, String> {
        // SAFETY: libasound's initialisers have no preconditions; each symbol below is given its C signature from
        // <alsa/pcm.h> and <alsa/error.h>.
        unsafe {
            let library = libloading::Library::new(LIBRARY)
                .map_err(|_| format!("the ALSA library ({LIBRARY}) is not installed"))?;
            let missing = |e: libloading::Error| format!("{LIBRARY} is not a usable ALSA library ({e})");
            macro_rules! symbol {
                ($name:literal) => {
                    *library.get($name).map_err(missing)?
                };
            }
            let set_handler: unsafe extern "C" fn(Option<ErrorHandler>) -> c_int =
                symbol!(b"snd_lib_error_set_handler\0");
            star_coach_alsa_set_sink(collect_message);
            set_handler(Some(star_coach_alsa_error));
            Ok(Alsa {
                open: symbol!(b"snd_pcm_open\0"),
                set_params: symbol!(b"snd_pcm_set_params\0"),
                readi: symbol!(b"snd_pcm_readi\0"),
                writei: symbol!(b"snd_pcm_writei\0"),
                recover: symbol!(b"snd_pcm_recover\0"),
                avail: symbol!(b"snd_pcm_avail\0"),
                delay: symbol!(b"snd_pcm_delay\0"),
                drop: symbol!(b"snd_pcm_drop\0"),
                drain: symbol!(b"snd_pcm_drain\0"),
                prepare: symbol!(b"snd_pcm_prepare\0"),
                close: symbol!(b"snd_pcm_close\0"),
                strerror: symbol!(b"snd_strerror\0"),
                free_config: symbol!(b"snd_config_update_free_global\0"),
                _library: library,
            })
        }
    }

    fn error_text(&self, code: c_int) -> String {
        // SAFETY: snd_strerror returns a static string for any code.
        let text = unsafe { (self.strerror)(code) };
        if text.is_null() {
            return format!("error {code}");
        }
        // SAFETY: non-null, NUL-terminated, static.
        unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned()
    }
}

thread_local! {
    /// libasound's messages since [`take_messages`] was last called on this thread (it calls the handler on the
    /// thread that made the failing call).
    static MESSAGES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

extern "C" fn collect_message(
    _file: *const c_char,
    _line: c_int,
    _function: *const c_char,
    _err: c_int,
    message: *const c_char,
) {
    if message.is_null() {
        return;
    }
    // SAFETY: the shim passes a NUL-terminated buffer that lives for this call.
    let text = unsafe { CStr::from_ptr(message) }.to_string_lossy().trim().to_string();
    let _ = MESSAGES.try_with(|messages| {
        let mut messages = messages.borrow_mut();
        if messages.len() < 16 && !text.is_empty() {
            messages.push(text);
        }
    });
}

fn take_messages() -> Vec<String> {
    MESSAGES.try_with(|m| std::mem::take(&mut *m.borrow_mut())).unwrap_or_default()
}

/// ALSA's PCM `device` (`default`, or any name from the user's ALSA config).
pub struct AlsaBackend {
    device: String,
}

impl AlsaBackend {
    /// The device by name; libasound is loaded when the first stream is opened, and its absence said then.
    pub fn new(device: &str) -> AlsaBackend {
        AlsaBackend { device: device.to_string() }
    }

    fn open(&self, direction: Direction, rate: u32, channels: u16) -> Result<Handle, Unavailable> {
        let alsa = Alsa::get().map_err(|why| Unavailable(format!("{}: {why}", direction.missing())))?;
        let _one_at_a_time = OPENING.lock().unwrap_or_else(PoisonError::into_inner);
        let fail = |code: c_int, what: &str| {
            // The first line libasound printed says what was wrong ("cannot find card '7'"); the code says how.
            let detail = take_messages().into_iter().next().map(|m| format!(" ({m})")).unwrap_or_default();
            Unavailable(format!(
                "{}: ALSA could not {what} '{}': {}{detail}",
                direction.missing(),
                crate::text::clean_line(&self.device),
                alsa.error_text(code)
            ))
        };
        let name = CString::new(self.device.as_str()).map_err(|_| fail(-22, "open"))?;
        let stream = match direction {
            Direction::Capture => STREAM_CAPTURE,
            Direction::Playback => STREAM_PLAYBACK,
        };
        take_messages();
        let mut pcm = std::ptr::null_mut();
        // SAFETY: `pcm` is a valid out-pointer and `name` a NUL-terminated string.
        let code = unsafe { (alsa.open)(&raw mut pcm, name.as_ptr(), stream, 0) };
        if code < 0 || pcm.is_null() {
            return Err(fail(code, "open"));
        }
        let handle = Handle { alsa, pcm, channels: usize::from(channels.max(1)), stopped: false };
        // SAFETY: `pcm` was just opened. Soft resampling lets ALSA's plug layer convert to what the card has.
        let code = unsafe {
            (alsa.set_params)(
                pcm,
                FORMAT_S16_LE,
                ACCESS_RW_INTERLEAVED,
                c_uint::from(channels),
                rate,
                1,
                LATENCY_MICROS,
            )
        };
        if code < 0 {
            return Err(fail(code, &format!("use {rate} Hz {channels}-channel 16-bit audio on")));
        }
        take_messages();
        // libasound keeps the whole parsed ALSA config (hundreds of KiB) for the next open; an open stream does not
        // need it, and re-reading it for the next answer takes a few milliseconds, off the UI thread.
        // SAFETY: `OPENING` is held, so no other thread is in libasound's config code.
        unsafe { (alsa.free_config)() };
        Ok(handle)
    }
}

impl Backend for AlsaBackend {
    fn open_capture(&self) -> Result<Box<dyn Capture>, Unavailable> {
        Ok(Box::new(self.open(Direction::Capture, SAMPLE_RATE, 1)?))
    }

    fn open_playback(&self, rate: u32, channels: u16) -> Result<Box<dyn Playback>, Unavailable> {
        Ok(Box::new(self.open(Direction::Playback, rate, channels)?))
    }
}

/// One open PCM, used by one thread at a time.
struct Handle {
    alsa: &'static Alsa,
    pcm: *mut Pcm,
    /// Samples in one frame: 1 for mono.
    channels: usize,
    /// Dropped (paused): it must be prepared again before the next transfer.
    stopped: bool,
}

impl Handle {
    fn resume_if_stopped(&mut self) {
        if self.stopped {
            // SAFETY: `pcm` is open.
            unsafe { (self.alsa.prepare)(self.pcm) };
            self.stopped = false;
        }
    }

    /// Recovers from an overrun, an underrun or a suspend; any other error ends the stream with its sentence.
    fn recover(&mut self, code: c_int) -> Result<(), String> {
        if code == -EAGAIN || code == -EINTR {
            return Ok(());
        }
        // SAFETY: `pcm` is open; `silent` = 1 keeps libasound from printing.
        let recovered = unsafe { (self.alsa.recover)(self.pcm, code, 1) };
        take_messages();
        if recovered < 0 { Err(self.alsa.error_text(code)) } else { Ok(()) }
    }
}

impl Capture for Handle {
    fn read(&mut self, buf: &mut [i16]) -> Result<usize, String> {
        self.resume_if_stopped();
        loop {
            // SAFETY: `buf` holds `buf.len()` mono 16-bit frames.
            let n = unsafe { (self.alsa.readi)(self.pcm, buf.as_mut_ptr().cast(), buf.len() as c_ulong) };
            if let Ok(frames) = usize::try_from(n) {
                return Ok(frames);
            }
            self.recover(c_int::try_from(n).unwrap_or(c_int::MIN))?;
        }
    }

    fn available(&mut self) -> usize {
        if self.stopped {
            return 0;
        }
        // SAFETY: `pcm` is open.
        let n = unsafe { (self.alsa.avail)(self.pcm) };
        usize::try_from(n).unwrap_or(0)
    }

    fn stop(&mut self) {
        // SAFETY: `pcm` is open.
        unsafe { (self.alsa.drop)(self.pcm) };
        self.stopped = true;
    }
}

impl Playback for Handle {
    fn write(&mut self, samples: &[i16]) -> Result<(), String> {
        self.resume_if_stopped();
        let mut rest = &samples[..samples.len() - samples.len() % self.channels];
        while !rest.is_empty() {
            let frames = rest.len() / self.channels;
            // SAFETY: `rest` holds `frames` whole interleaved frames of `channels` 16-bit samples.
            let n = unsafe { (self.alsa.writei)(self.pcm, rest.as_ptr().cast(), frames as c_ulong) };
            match usize::try_from(n) {
                Ok(written) => rest = &rest[written * self.channels..],
                Err(_) => self.recover(c_int::try_from(n).unwrap_or(c_int::MIN))?,
            }
        }
        Ok(())
    }

    fn queued(&mut self) -> usize {
        let mut delay: c_long = 0;
        // SAFETY: `pcm` is open and `delay` a valid out-pointer.
        let code = unsafe { (self.alsa.delay)(self.pcm, &raw mut delay) };
        if code < 0 { 0 } else { usize::try_from(delay).unwrap_or(0) }
    }

    fn stop(&mut self) {
        // SAFETY: `pcm` is open.
        unsafe { (self.alsa.drop)(self.pcm) };
        self.stopped = true;
    }

    fn drain(&mut self) {
        if !self.stopped {
            // SAFETY: `pcm` is open.
            unsafe { (self.alsa.drain)(self.pcm) };
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: `pcm` is open and closed exactly once, here.
        unsafe { (self.alsa.close)(self.pcm) };
        take_messages();
    }
}
