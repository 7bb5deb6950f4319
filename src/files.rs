//! The file-system rules every read and write of star-coach keeps: only regular files are read, never past a size
//! cap; folders star-coach makes are private, folders it finds are left as they are, and one anybody may replace
//! files in is not written to.

use std::fmt;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A folder, a named pipe, a device or a socket: reading it could hang or never end.
    NotRegular(&'static str),
    /// More than the cap; `at_least` is how many bytes were seen (the size, or the cap plus one while reading).
    TooLarge {
        at_least: u64,
    },
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { at_least } => write!(f, "it is larger than allowed ({at_least} bytes or more)"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Reads the regular file at `path` (after following symlinks) whole; `Ok(None)` when nothing is there. Anything
/// else (a FIFO, `/dev/zero`, a folder) is refused before it is opened, and the cap holds while reading, so a file
/// that grows or lies about its size cannot take all memory.
pub fn read_regular(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(e)),
    };
    check_regular(&meta)?;
    if meta.len() > cap {
        return Err(ReadError::TooLarge { at_least: meta.len() });
    }
    let mut file = open_no_block(path).map_err(ReadError::Io)?;
    // The path may have been swapped for a FIFO since the check: look at what was actually opened.
    check_regular(&file.metadata().map_err(ReadError::Io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.by_ref().take(cap + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { at_least: bytes.len() as u64 });
    }
    Ok(Some(bytes))
}

fn check_regular(meta: &fs::Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(kind_of(meta)))
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Opens for reading without waiting for a writer, should a FIFO have taken the file's place.
fn open_no_block(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // It changes nothing for a regular file.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Makes sure `dir` is a folder star-coach may write in. Missing folders are created 0700, each one; a folder that
/// exists keeps its mode (star-coach never changes what it did not make). A folder anybody may write to without
/// the sticky bit is refused: another user could swap the files in it.
pub fn prepare_folder(dir: &Path) -> io::Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => check_not_shared(&meta, "it"),
        Ok(_) => Err(io::Error::new(io::ErrorKind::NotADirectory, "it is not a folder")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_private(dir),
        Err(e) => Err(e),
    }
}

/// Refuses a folder anybody may replace files in (see [`prepare_folder`]); a missing one is left for the write to
/// report.
pub fn check_folder(dir: &Path) -> io::Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => check_not_shared(&meta, &dir.display().to_string()),
        _ => Ok(()),
    }
}

/// Creates `dir` and any missing parents, each 0700 whatever the umask.
fn create_private(dir: &Path) -> io::Result<()> {
    let mut missing: Vec<&Path> = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty() && fs::symlink_metadata(p).is_err()) {
        missing.push(path);
        at = path.parent();
    }
    if let Some(existing) = at.filter(|p| !p.as_os_str().is_empty()) {
        let meta = fs::metadata(existing)?;
        check_not_shared(&meta, &existing.display().to_string())?;
    }
    for path in missing.into_iter().rev() {
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            other => other?,
        }
        // The umask may have taken bits away (a umask of 0277 would leave 0500, where nothing can be made).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// `name` is how the sentence names the folder: "it" when the caller's sentence already has.
#[cfg(unix)]
fn check_not_shared(meta: &fs::Metadata, name: &str) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = meta.permissions().mode();
    if mode & 0o002 != 0 && mode & 0o1000 == 0 {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{name} can be written by every user and has no sticky bit, so another user could replace files in \
                 it; use another folder, or `chmod o-w` it"
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_not_shared(_: &fs::Metadata, _: &str) -> io::Result<()> {
    Ok(())
}

/// The file a write to `path` must replace: `path` itself, or, when it is a symlink, the file it points to (so
/// the link stays a link and its target, in a synced folder say, gets the new contents).
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // A chain of links, followed as the kernel would; a loop ends in an error rather than here.
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, "it is a loop of symbolic links"))
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;
    use std::time::Duration;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    }

    /// Runs `f` on a thread and fails the test if it has not returned within a few seconds, as a FIFO read would.
    pub(crate) fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(Duration::from_secs(5)).expect("it hung")
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let err = within_seconds(move || read_regular(&fifo, 1024).unwrap_err().to_string());
        assert_eq!(err, "it is a named pipe (FIFO), not a regular file");
    }

    #[test]
    fn devices_and_folders_are_refused_and_a_symlink_to_a_file_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(read_regular(&zero, 1024).unwrap_err().to_string(), "it is a device, not a regular file");
        assert_eq!(read_regular(dir.path(), 1024).unwrap_err().to_string(), "it is a folder, not a regular file");
        let file = dir.path().join("file");
        fs::write(&file, b"hello").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&link, 1024).unwrap(), Some(b"hello".to_vec()));
        assert_eq!(read_regular(&dir.path().join("none"), 1024).unwrap(), None);
    }

    #[test]
    fn the_cap_holds() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        fs::write(&file, [b'x'; 11]).unwrap();
        assert!(matches!(read_regular(&file, 10), Err(ReadError::TooLarge { at_least: 11 })));
        assert_eq!(read_regular(&file, 11).unwrap().unwrap().len(), 11);
    }

    #[test]
    fn folders_made_are_private_and_folders_found_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        prepare_folder(&deep).unwrap();
        for path in [dir.path().join("a"), dir.path().join("a/b"), deep.clone()] {
            assert_eq!(mode(&path), 0o700, "{}", path.display());
        }
        let shared = dir.path().join("shared");
        fs::create_dir(&shared).unwrap();
        for kept in [0o755, 0o500, 0o1777] {
            fs::set_permissions(&shared, fs::Permissions::from_mode(kept)).unwrap();
            prepare_folder(&shared).unwrap();
            assert_eq!(mode(&shared), kept);
        }
    }

    #[test]
    fn a_folder_anybody_may_write_without_the_sticky_bit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o777)).unwrap();
        let err = prepare_folder(&open).unwrap_err().to_string();
        assert!(err.contains("can be written by every user and has no sticky bit"), "{err}");
        let err = prepare_folder(&open.join("inside")).unwrap_err().to_string();
        assert!(err.contains("no sticky bit"), "a folder made inside one is refused too: {err}");
        assert!(!open.join("inside").exists());
        assert_eq!(mode(&open), 0o777);
    }

    #[test]
    fn a_write_to_a_symlink_goes_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("synced/real.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("synced/real.json", &link).unwrap();
        assert_eq!(write_target(&link).unwrap(), dir.path().join("synced/real.json"));
        assert_eq!(write_target(&target).unwrap(), target);
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).unwrap();
        assert!(write_target(&looped).is_err());
    }
}
