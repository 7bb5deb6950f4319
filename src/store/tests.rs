//! The store's unit tests: saves, failures, backups, locks and damaged files.

use super::*;
use crate::model::{Attempt, Phase, PhaseSpan, Review, Story};

fn sample() -> Bank {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
    let mut story = Story::new("s1".into(), "Checkout timeouts — 日本語 ✓".into(), at);
    story.actions = vec!["I traced it.".into()];
    story.prompts = vec!["simple-solution".into()];
    let attempt = Attempt {
        story: Some("s1".into()),
        phases: vec![PhaseSpan { phase: Phase::Situation, secs: 61.5 }],
        review: Review { confidence: Some(2), ..Review::default() },
        ..Attempt::new("a1", "simple-solution", at, 61.5)
    };
    Bank { stories: vec![story], attempts: vec![attempt], ..Bank::default() }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path().join("data"));
    assert_eq!(store.load().unwrap(), Bank::default(), "a missing file is an empty bank");
    store.save(&sample()).unwrap();
    let mut again = Store::new(dir.path().join("data"));
    assert_eq!(again.load().unwrap(), sample());
    let text = fs::read_to_string(again.path()).unwrap();
    let header = format!("{{\n  \"format\": \"star-coach\",\n  \"schema_version\": {SCHEMA_VERSION},");
    assert!(text.starts_with(&header), "{text}");
}

#[test]
fn a_save_that_fails_at_any_step_leaves_the_old_file_as_it_was() {
    for point in [FaultPoint::Create, FaultPoint::Write, FaultPoint::Fsync, FaultPoint::Rename] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.save(&Bank::default()).unwrap();
        let before = fs::read(store.path()).unwrap();
        store.inject_fault(point);
        let err = store.save(&sample()).unwrap_err();
        assert!(err.to_string().contains("no space left"), "{point:?}: {err}");
        assert!(store.backups().len() <= 1, "{point:?}: a failed save does not keep a backup twice");
        assert_eq!(fs::read(store.path()).unwrap(), before, "{point:?}");
        let left: Vec<String> = files_in(dir.path()).into_iter().filter(|f| !f.contains(".bak.")).collect();
        assert_eq!(left, vec![FILE_NAME.to_string()], "{point:?}: no temp file left");
        store.save(&sample()).expect("the retry succeeds");
        assert_eq!(Store::new(dir.path()).load().unwrap(), sample());
    }
}

#[test]
fn a_change_made_by_someone_else_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.load().unwrap();
    store.save(&Bank::default()).unwrap();
    let mut other = Store::new(dir.path());
    other.load().unwrap();
    other.save(&sample()).unwrap();
    let theirs = fs::read(store.path()).unwrap();
    let mut ours = sample();
    ours.stories[0].title = "ours".into();
    let err = store.save(&ours).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read(store.path()).unwrap(), theirs);
}

#[test]
fn an_edit_in_place_of_the_same_length_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.save(&sample()).unwrap();
    let text = fs::read_to_string(store.path()).unwrap().replace("\"title\": \"Checkout", "\"title\": \"Checkin!");
    let saved_at = fs::metadata(store.path()).unwrap().modified().unwrap();
    fs::write(store.path(), &text).unwrap();
    // File times are coarse (a kernel tick); state the later time outright instead of sleeping past a tick.
    let file = fs::File::options().write(true).open(store.path()).unwrap();
    file.set_modified(saved_at + std::time::Duration::from_secs(1)).unwrap();
    assert!(matches!(store.save(&Bank::default()), Err(StoreError::ChangedOnDisk { .. })));
    assert_eq!(fs::read_to_string(store.path()).unwrap(), text);
}

#[test]
fn damaged_files_name_the_place_and_are_never_saved_over() {
    let cases: [(&[u8], &str); 7] = [
        (b"", "line 1, column 0"),
        (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": [", "line 1"),
        (b"\0\0\0\0", "line 1, column 1"),
        (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": 5}", "invalid type"),
        (b"{\"format\": \"other-app\", \"schema_version\": 1}", "its \"format\" is not"),
        (b"{\"format\": \"star-coach\", \"schema_version\": 99, \"new\": 1}", "newer star-coach"),
        (b"{\"format\": \"star-coach\", \"schema_version\": 0}", "schema_version is 0"),
    ];
    for (bytes, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        fs::write(store.path(), bytes).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains(expected), "{bytes:?}: {err}");
        assert!(err.contains(FILE_NAME), "{err}");
        assert!(store.save(&sample()).is_err(), "a store that could not read never writes");
        assert_eq!(fs::read(store.path()).unwrap(), bytes);
    }
}

#[test]
fn duplicate_ids_are_refused() {
    let mut bank = sample();
    bank.stories.push(bank.stories[0].clone());
    let bytes = serialize(&bank);
    let err = parse(Path::new("x.json"), &bytes).unwrap_err().to_string();
    assert!(err.contains("two stories share the id \"s1\""), "{err}");
}

#[cfg(unix)]
#[test]
fn files_and_backups_are_private_and_a_folder_found_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let mut store = Store::new(&data);
    store.set_backup_interval(Duration::ZERO);
    assert!(store.lock().unwrap());
    store.save(&Bank::default()).unwrap();
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
    store.save(&sample()).unwrap();
    assert_eq!(mode(store.path()), 0o600);
    let backups = store.backups();
    assert_eq!(backups.len(), 1);
    assert_eq!(mode(&backups[0].path), 0o600, "a backup of a 0644 file is not a link sharing its mode");
    assert_eq!(mode(&data), 0o755, "star-coach never changes the mode of a folder it did not make");
}

#[cfg(unix)]
#[test]
fn a_folder_anybody_may_write_to_is_not_written_in() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let mut store = Store::new(dir.path());
    let err = store.lock().unwrap_err().to_string();
    assert!(err.contains("can be written by every user and has no sticky bit"), "{err}");
    assert!(store.save(&sample()).is_err());
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o1777)).unwrap();
    assert!(store.lock().unwrap(), "with the sticky bit, as /tmp has, it is fine");
    store.save(&sample()).unwrap();
    assert_eq!(fs::metadata(dir.path()).unwrap().permissions().mode() & 0o7777, 0o1777);
}

#[cfg(unix)]
#[test]
fn a_symlinked_data_file_stays_a_symlink_and_its_target_gets_each_save() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let mut store = Store::new(&data);
    std::os::unix::fs::symlink("../synced/bank.json", store.path()).unwrap();
    store.set_backup_interval(Duration::ZERO);
    assert!(store.lock().unwrap());
    store.save(&Bank::default()).unwrap();
    store.save(&sample()).unwrap();
    assert!(fs::symlink_metadata(store.path()).unwrap().file_type().is_symlink(), "still a link");
    assert_eq!(stories_in(&synced.join("bank.json")), sample().stories);
    assert_eq!(
        files_in(&synced),
        ["bank.attempts.jsonl", "bank.json", "bank.summary.json"],
        "the log and the summary beside the target, and no temp file"
    );
    let backups = store.backups();
    assert_eq!(backups.len(), 1);
    assert_eq!(stories_in(&backups[0].path), Vec::new());
    assert!(!fs::symlink_metadata(&backups[0].path).unwrap().file_type().is_symlink(), "a backup is a copy");
    assert_eq!(Store::new(&data).load().unwrap(), sample());
}

#[cfg(unix)]
#[test]
fn a_fifo_as_data_file_is_refused_in_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
    let (tx, rx) = std::sync::mpsc::channel();
    let folder = dir.path().to_path_buf();
    std::thread::spawn(move || tx.send(Store::new(folder).load().map(|_| ()).map_err(|e| e.to_string())));
    let err = rx.recv_timeout(Duration::from_secs(5)).expect("the load does not hang").unwrap_err();
    assert!(err.contains("is a named pipe (FIFO), not a regular file"), "{err}");
}

/// The stories of a data file or a backup, whichever form it has.
fn stories_in(path: &Path) -> Vec<Story> {
    format::parse_file(path, &fs::read(path).unwrap()).unwrap().bank.stories
}

/// The title of each version kept: the data file's and every backup's.
fn versions(store: &Store) -> Vec<String> {
    let title = |path: &Path| match format::parse_file(path, &fs::read(path).unwrap()) {
        Ok(parsed) => parsed.bank.stories.first().map_or_else(|| "empty".to_string(), |s| s.title.clone()),
        Err(_) => "damaged".to_string(),
    };
    let mut titles: Vec<String> = store.backups().iter().map(|b| title(&b.path)).collect();
    titles.push(title(store.path()));
    titles.sort();
    titles.dedup();
    titles
}

/// A store in its own folder that saved five versions, each kept as a backup.
fn five_versions() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.set_backup_interval(Duration::ZERO);
    saved_versions(&mut store, 5);
    (dir, store)
}

fn saved_versions(store: &mut Store, count: usize) {
    for i in 0..count {
        let mut bank = sample();
        bank.stories[0].title = format!("version {i}");
        store.save(&bank).unwrap();
    }
}

#[test]
fn restore_keeps_every_version_that_existed_before_it() {
    let (_dir, mut store) = five_versions();
    let before = versions(&store);
    for number in [3, 1, 2, 3, 1] {
        store.restore(number).unwrap();
        assert_eq!(versions(&store), before, "after restoring {number}");
    }
}

#[test]
fn an_interrupted_restore_leaves_every_version_and_the_data_file_as_they_were() {
    for point in [FaultPoint::Create, FaultPoint::Write, FaultPoint::Fsync, FaultPoint::Rename] {
        let (_dir, mut store) = five_versions();
        let (before, live) = (versions(&store), fs::read(store.path()).unwrap());
        store.inject_fault(point);
        assert!(store.restore(2).is_err(), "{point:?}");
        assert_eq!(versions(&store), before, "{point:?}");
        assert_eq!(fs::read(store.path()).unwrap(), live, "{point:?}");
    }
}

#[test]
fn a_version_from_days_ago_outlives_an_evening_of_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.set_backup_interval(Duration::ZERO);
    let mut old = sample();
    old.stories[0].title = "three days ago".into();
    store.save(&old).unwrap();
    let three_days_ago = std::time::SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    fs::File::options().write(true).open(store.path()).unwrap().set_modified(three_days_ago).unwrap();
    let mut store = Store::new(dir.path());
    store.load().unwrap();
    store.set_backup_interval(Duration::ZERO);
    saved_versions(&mut store, 12);
    assert!(versions(&store).contains(&"three days ago".to_string()), "{:?}", versions(&store));
}

#[test]
fn each_save_keeps_a_backup_and_restore_brings_one_back() {
    let (dir, mut store) = five_versions();
    let backups = store.backups();
    assert_eq!(backups.iter().map(|b| b.number).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    let title = |store: &Store, n: usize| stories_in(&store.backups()[n - 1].path)[0].title.clone();
    let titles: Vec<String> = (1..=4).map(|n| title(&store, n)).collect();
    assert_eq!(titles, ["version 3", "version 2", "version 1", "version 0"]);
    assert_eq!(backups[1].contents(), Contents::Bank { stories: 1, attempts: 1 });
    let restored = store.restore(2).unwrap();
    assert_eq!(restored.stories[0].title, "version 2");
    assert_eq!(Store::new(dir.path()).load().unwrap(), restored);
    assert_eq!(title(&store, 1), "version 4", "the file that was replaced is the newest backup");
    assert_eq!(store.backups().len(), 5, "and none was removed");
    let err = store.restore(9).unwrap_err().to_string();
    assert!(err.contains("there is no backup 9; there are 5, numbered from 1"), "{err}");
}

#[test]
fn backups_rotate_once_per_interval_not_on_every_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    let mut bank = sample();
    for i in 0..5 {
        bank.stories[0].situation = format!("typed {i}");
        store.save(&bank).unwrap();
    }
    assert_eq!(store.backups().len(), 1, "one rotation for a burst of saves");
}

#[test]
fn a_backup_left_by_an_interrupted_save_is_not_kept_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.set_backup_interval(Duration::ZERO);
    store.save(&sample()).unwrap();
    // A save killed between keeping its backup and its rename leaves a backup linked to the live file.
    let live = store.path().to_path_buf();
    for _ in 0..3 {
        backup::keep_current(&live, &live, Utc::now(), true).unwrap();
        assert_eq!(store.backups().len(), 1);
        assert_eq!(Store::new(dir.path()).load().unwrap(), sample());
    }
    store.save(&Bank::default()).unwrap();
    assert_eq!(Store::new(dir.path()).load().unwrap(), Bank::default());
    assert_eq!(store.backups().len(), 1);
}

#[test]
fn a_second_store_on_the_same_folder_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::new(dir.path());
    assert!(first.lock().unwrap());
    let mut second = Store::new(dir.path());
    assert!(!second.lock().unwrap());
    assert_eq!(second.read_only(), Some(&ReadOnly::Locked));
    second.load().unwrap();
    let err = second.save(&sample()).unwrap_err().to_string();
    assert!(err.contains("read-only (another star-coach has this data open)"), "{err}");
    drop(first);
    let mut third = Store::new(dir.path());
    assert!(third.lock().unwrap(), "the lock goes with the store that held it");
}

#[test]
fn a_newer_file_opens_read_only_in_the_app_and_is_refused_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.save(&sample()).unwrap();
    let newer = String::from_utf8(fs::read(store.path()).unwrap())
        .unwrap()
        .replace(&format!("\"schema_version\": {SCHEMA_VERSION}"), "\"schema_version\": 99");
    fs::write(store.path(), &newer).unwrap();
    let mut cli = Store::new(dir.path());
    assert!(matches!(cli.load(), Err(StoreError::TooNew { version: 99, .. })));
    let mut app = Store::new(dir.path());
    let opened = app.open(Target::default()).unwrap();
    assert_eq!((opened.bank.stories, opened.history.len()), (sample().stories, 1));
    assert_eq!(app.read_only(), Some(&ReadOnly::NewerVersion(99)));
    assert!(app.save(&Bank::default()).is_err());
    assert_eq!(fs::read_to_string(app.path()).unwrap(), newer);
}

#[test]
fn a_damaged_file_is_copied_aside_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    fs::write(store.path(), b"{ nope").unwrap();
    let err = store.load().unwrap_err().to_string();
    assert!(err.contains("a copy was kept at"), "{err}");
    store.load().unwrap_err();
    let copies: Vec<_> = files_in(dir.path()).into_iter().filter(|f| f.contains(".corrupt-")).collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(fs::read(dir.path().join(&copies[0])).unwrap(), b"{ nope");
    assert_eq!(fs::read(store.path()).unwrap(), b"{ nope");
}

#[test]
fn stale_temp_files_are_swept_when_the_lock_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".star-coach.json.Ab12Cd"), b"half").unwrap();
    fs::write(dir.path().join(".star-coach.json.keepme-not-ours"), b"x").unwrap();
    fs::write(dir.path().join(".star-coach.attempts.jsonl.Xy12Zz"), b"half").unwrap();
    fs::write(dir.path().join(".star-coach.summary.json.Qq11Ww"), b"half").unwrap();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let names = files_in(dir.path());
    for swept in [".star-coach.json.Ab12Cd", ".star-coach.attempts.jsonl.Xy12Zz", ".star-coach.summary.json.Qq11Ww"] {
        assert!(!names.contains(&swept.to_string()), "{swept}: {names:?}");
    }
    assert!(names.contains(&".star-coach.json.keepme-not-ours".to_string()), "{names:?}");
}

#[test]
fn a_recording_is_a_file_name_or_a_pruned_object_and_never_a_path() {
    let mut bank = sample();
    bank.attempts[0].recording = Some(crate::model::Recording::of("a1"));
    let text = String::from_utf8(serialize(&bank)).unwrap();
    assert!(text.contains(r#""recording":"a1.wav""#), "{text}");
    assert_eq!(parse(Path::new("x.json"), text.as_bytes()).unwrap(), bank);
    bank.attempts[0].recording.as_mut().unwrap().pruned = true;
    let text = String::from_utf8(serialize(&bank)).unwrap();
    assert!(text.contains(r#""recording":{"file":"a1.wav","pruned":true}"#), "{text}");
    assert_eq!(parse(Path::new("x.json"), text.as_bytes()).unwrap(), bank);
    for bad in [r#""../../.ssh/id.wav""#, r#""/etc/passwd""#, r#"{"file": "a1.wav", "gone": 1}"#, "3"] {
        let damaged = text.replace(r#"{"file":"a1.wav","pruned":true}"#, bad);
        let err = parse(Path::new("x.json"), damaged.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("not a valid star-coach data file"), "{bad}: {err}");
    }
}

#[test]
fn a_byte_order_mark_is_named() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serialize(&sample()));
    let err = parse(Path::new("x.json"), &bytes).unwrap_err().to_string();
    assert!(err.contains("byte-order mark"), "{err}");
}

#[test]
fn control_characters_in_the_file_never_reach_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    let mut bank = sample();
    bank.stories[0].title = "bad\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\r\u{9b}\u{202e}title".into();
    fs::write(store.path(), serialize(&bank)).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.stories[0].title, "bad[2J]52;c;aGk= title");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2_000, failure_persistence: None, ..Default::default() })]

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
        let _ = parse(Path::new("x.json"), &bytes);
    }

    #[test]
    fn the_loader_never_panics_on_a_damaged_bank(cuts in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>()), 1..8), truncate in 0usize..4096) {
        let mut bytes = serialize(&sample());
        for (at, byte) in cuts {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        bytes.truncate(truncate.max(1).min(bytes.len()));
        let _ = parse(Path::new("x.json"), &bytes);
    }
}
