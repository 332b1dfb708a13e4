//! What the command-line tests share: the binary, temporary files, and
//! clang for the C programs a test writes itself.
#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `dynptr-play` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dynptr-play"))
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the repository")
        .to_path_buf()
}

/// Writes `text` to `name` in this process's temporary directory.
pub fn write_tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dynptr-play-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

/// Prints `SUITE: skipped: WHY` straight to stderr (libtest captures a
/// passing test's output; `scripts/test.sh` counts these lines).
pub fn skip_notice(suite: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{suite}: skipped: {why}");
}

/// Compiles the C program `c` for BPF with clang (`-O2 -g -mcpu=v3`, the
/// test programs' include directory), or `None` with a notice when clang is
/// absent outside CI (under `CI=true` its absence fails).
pub fn compile_bpf(name: &str, c: &str) -> Option<PathBuf> {
    let src = write_tmp(&format!("{name}.c"), c);
    let obj = src.with_extension("o");
    let status = Command::new("clang")
        .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3", "-c"])
        .arg("-I")
        .arg(repo_root().join("tests/programs/include"))
        .arg("-I/usr/include/x86_64-linux-gnu")
        .arg(&src)
        .arg("-o")
        .arg(&obj)
        .status();
    match status {
        Ok(s) if s.success() => Some(obj),
        Ok(s) => panic!("clang failed ({s}) on {}", src.display()),
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            skip_notice(
                &format!("clang ({name})"),
                &format!("clang is not available ({e})"),
            );
            None
        }
        Err(e) => panic!("clang is required under CI=true: {e}"),
    }
}
