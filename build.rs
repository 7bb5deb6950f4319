//! Compiles the small C shim that catches libasound's error messages (see `src/audio/alsa_log.c`), on Linux only.

fn main() {
    println!("cargo:rerun-if-changed=src/audio/alsa_log.c");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        cc::Build::new().file("src/audio/alsa_log.c").warnings(true).compile("star_coach_alsa_log");
    }
}
