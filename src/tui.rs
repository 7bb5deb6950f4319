//! The terminal front end: one event loop that feeds keys to `App` and draws it when something changed.

pub mod app;
pub mod ctx;
pub mod effect;
pub mod frame;
mod input;
pub mod mouse;
pub mod overlay;
pub mod screens;
pub mod theme;
pub mod voice;
pub mod widgets;

#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal as _};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

use crate::content::Guide;
use crate::drill::DrillOptions;
use crate::mock::MockOptions;
use crate::settings::Settings;
use crate::store::Store;
use anyhow::{Context as _, Result};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGUSR1};

use app::{App, Request};

enum Message {
    Terminal(Event),
    InputClosed,
    /// SIGTERM, SIGHUP, SIGINT, SIGQUIT or SIGUSR1: save and leave.
    Signal,
    /// SIGTSTP (`kill -TSTP`, or a shell's job control): save, give the terminal back, stop until SIGCONT.
    Suspend,
    /// A recording's analysis is ready to collect.
    Analysed,
    /// The attempts log, hashed on a thread after the first frame, to compare with the summary.
    HistoryChecked(Box<crate::store::LogChecked>),
}

/// Runs the coach, or with `mock` straight into a mock interview, or with `drill` into a drill; `warnings` (prompt
/// packs that did not load) are shown at start, as a bad config is.
pub fn run(
    guide: &'static Guide,
    data_dir: PathBuf,
    settings: Settings,
    warnings: &[String],
    mock: Option<MockOptions>,
    drill: Option<DrillOptions>,
) -> Result<()> {
    // Cron, a pipe or `ssh` without `-t`: say so before anything is read or locked, rather than panic in raw mode.
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        anyhow::bail!(
            "the coach needs a terminal, and stdin or stdout is not one; run it in a terminal (ssh -t for a remote \
             one), or use a command such as `star-coach stories` (see `star-coach --help`)"
        );
    }
    // Read the data before touching the terminal, so a bad file is reported in plain text and nothing starts.
    let session_start = std::time::SystemTime::now();
    let mut store = Store::new(data_dir);
    store.lock()?;
    // The stories and the history's summary: the first frame needs no attempt (see `App::check_history`).
    let opened = store.open(settings.config.target)?;
    let writable = store.read_only().is_none();
    let whole = opened.history.has_every_attempt().then_some(&opened.bank);
    let mut voice = voice::Voice::open(store.dir(), &settings.config.voice, writable, whole, session_start);

    let (tx, rx) = mpsc::channel();
    let analysed = tx.clone();
    voice.on_analysed(std::sync::Arc::new(move || {
        let _ = analysed.send(Message::Analysed);
    }));
    // Caught from here on; read by a thread started after the first frame (see `Listeners`).
    let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTSTP])
        .context("could not listen for terminal signals")?;

    // A fixed viewport, moved on each resize event: a full-screen one asks the terminal its size before every
    // frame, and crossterm opens /dev/tty to answer, once a second while the clock runs.
    let mut terminal = ratatui::init_with_options(TerminalOptions { viewport: Viewport::Fixed(screen_area()) });
    install_restore_hook();
    take_screen(settings.config.mouse);

    let size = terminal.size().unwrap_or_default();
    let mut app = App::with_history(guide, store, opened, Instant::now(), chrono::Utc::now(), size);
    app.voice = voice;
    theme::set(theme::effective(settings.config.theme, std::env::var_os("NO_COLOR").as_deref()));
    app.apply_settings(settings, chrono::Utc::now());
    app.announce_warnings(warnings);
    if let Some(options) = mock {
        // The options were checked on the command line, so this cannot fail.
        let _ = app.start_mock(options);
    }
    if let Some(options) = drill {
        // Checked on the command line too, against the same bank of questions.
        let _ = app.start_drill(&options);
    }
    app.announce_read_only();
    app.announce_rescues();
    let result = event_loop(&mut terminal, &mut app, &rx, Listeners { signals, tx });
    restore();
    // Changes the disk refused (it changed under us, or filled up) are never dropped without a word.
    if let Some(rescued) = app.rescue_unsaved(chrono::Utc::now()) {
        eprintln!("star-coach: {}", crate::text::clean_line(&rescued));
    }
    result
}

/// The threads that turn signals and terminal input into messages. Started once the first frame is out: a
/// signal caught before waits in its pipe, and keys typed before wait in the terminal.
struct Listeners {
    signals: signal_hook::iterator::Signals,
    tx: mpsc::Sender<Message>,
}

impl Listeners {
    /// Starts them, and a thread for `check` (the log's hash, 40 MB at 100,000 attempts) whose answer comes back
    /// as a message.
    fn start(self, check: Option<crate::store::LogCheck>) {
        let Listeners { mut signals, tx } = self;
        if let Some(check) = check {
            let checked_tx = tx.clone();
            std::thread::spawn(move || {
                let _ = checked_tx.send(Message::HistoryChecked(Box::new(check.run())));
            });
        }
        let signal_tx = tx.clone();
        std::thread::spawn(move || {
            for signal in signals.forever() {
                let message = if signal == SIGTSTP { Message::Suspend } else { Message::Signal };
                if signal_tx.send(message).is_err() {
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            loop {
                if let Ok(event) = event::read() {
                    if tx.send(Message::Terminal(event)).is_err() {
                        break;
                    }
                } else {
                    let _ = tx.send(Message::InputClosed);
                    break;
                }
            }
        });
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Message>,
    listeners: Listeners,
) -> Result<()> {
    let mut dirty = true;
    let mut listeners = Some(listeners);
    loop {
        if dirty {
            app.now = Instant::now();
            app.poll_voice();
            terminal.draw(|f| frame::render(f, app)).context("could not draw to the terminal")?;
            dirty = false;
            // Debug builds only: lets the end-to-end tests prove a panic leaves the terminal usable.
            #[cfg(debug_assertions)]
            assert!(std::env::var_os("STAR_COACH_DEBUG_PANIC").is_none(), "panic requested by STAR_COACH_DEBUG_PANIC");
        }
        if let Some(listeners) = listeners.take() {
            // The first frame came from the history's summary; now the log decides, hashed off this thread.
            listeners.start(app.history_check());
        }
        if app.request == Some(Request::ReadHistory) {
            // The frame just drawn says the history is being read.
            app.read_history();
            dirty = true;
            continue;
        }
        if app.quitting() {
            return Ok(());
        }
        // Block until something happens; a running clock wakes us exactly when its shown second changes.
        let message = match app.next_wake(Instant::now()) {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(message) => message,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    app.tick(Instant::now());
                    dirty = true;
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match rx.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            },
        };
        match message {
            Message::Terminal(Event::Key(key)) => app.handle_key(key, Instant::now(), chrono::Utc::now()),
            Message::Terminal(Event::Paste(text)) => app.handle_paste(&text, Instant::now(), chrono::Utc::now()),
            Message::Terminal(Event::Mouse(mouse)) => {
                if !app.handle_mouse(mouse, Instant::now(), chrono::Utc::now()) {
                    continue;
                }
            }
            Message::Terminal(Event::Resize(width, height)) => {
                terminal.resize(Rect::new(0, 0, width, height)).context("could not redraw the resized terminal")?;
                app.handle_resize(ratatui::layout::Size { width, height });
            }
            Message::Terminal(_) => continue,
            // The terminal is going away: write what is only in memory, then leave cleanly.
            Message::Signal | Message::InputClosed => {
                app.flush(chrono::Utc::now());
                return Ok(());
            }
            Message::Suspend => {
                app.save_pending();
                app.request = Some(Request::Suspend);
            }
            Message::Analysed => app.heard(),
            Message::HistoryChecked(checked) => app.history_checked(*checked)?,
        }
        if app.request == Some(Request::Suspend) {
            app.request = None;
            suspend(terminal, app.settings.config.mouse)?;
        }
        dirty = true;
    }
}

/// Gives the terminal back to the shell and stops the process; when the shell continues it (`fg`), takes the
/// terminal again and draws the whole screen afresh.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> Result<()> {
    restore();
    // SIGSTOP, which nothing can catch: the process stops here until SIGCONT.
    signal_hook::low_level::raise(SIGSTOP).context("could not suspend")?;
    ratatui::crossterm::terminal::enable_raw_mode().context("could not take the terminal back")?;
    take_screen(mouse);
    // The terminal may have been resized while stopped. Resizing empties both buffers, so the next frame is drawn
    // whole on the cleared screen. (`Terminal::clear` would ask the terminal where its cursor is, an answer the
    // input thread, blocked reading keys, would swallow.)
    terminal.resize(screen_area()).context("could not take the terminal back")?;
    Ok(())
}

/// The whole screen, as the terminal reports it now.
fn screen_area() -> Rect {
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    Rect::new(0, 0, width, height)
}

/// The alternate screen, cleared, with pasting and the mouse as configured: what [`restore`] undoes. Entered here
/// because `ratatui::init_with_options`, unlike `ratatui::init`, does not: the first frame would be drawn over
/// whatever the shell left on screen, and stay there after exit.
fn take_screen(mouse: bool) {
    let _ = execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All), EnableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
}

fn restore() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// ratatui's panic hook restores raw mode and the screen; also turn bracketed paste off before the message.
fn install_restore_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        previous(info);
    }));
}
