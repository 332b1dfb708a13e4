//! Shared helpers of the integration tests: where the shared suites and the
//! built C programs are, and how to list their files.
pub mod progen;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that names the conformance suite's directory.
pub const CONFORMANCE_ENV: &str = "DYNPTR_CONFORMANCE_DIR";

/// The repository root.
pub fn repo_root() -> PathBuf {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    tests
        .parent()
        .map_or_else(|| tests.join(".."), Path::to_path_buf)
}

/// `$DYNPTR_CONFORMANCE_DIR`, or `../shared/conformance` beside the
/// repository (CI's layout). The suite is outside data: a user's clone has
/// no `../shared`. When it is absent this prints one line,
/// `SUITE: skipped: ...`, and returns `None`, so the caller skips; under
/// `CI=true`, or when `$DYNPTR_CONFORMANCE_DIR` names a missing directory,
/// absence is a failure (a panic naming both ways to find the suite).
pub fn conformance_dir(suite: &str) -> Option<PathBuf> {
    match conformance_or_skip(std::env::var_os(CONFORMANCE_ENV), &repo_root(), on_ci()) {
        Ok(Some(dir)) => Some(dir),
        Ok(None) => {
            let why = locate_conformance(None, &repo_root()).unwrap_err();
            skip_notice(suite, &why);
            None
        }
        Err(e) => panic!("{e}"),
    }
}

/// [`conformance_dir`]'s decision: the directory, `None` to skip (absent,
/// not named by the variable, not on CI), or the failure.
pub fn conformance_or_skip(
    env: Option<OsString>,
    root: &Path,
    ci: bool,
) -> Result<Option<PathBuf>, String> {
    let explicit = env.is_some();
    match locate_conformance(env, root) {
        Ok(dir) => Ok(Some(dir)),
        Err(e) if explicit => Err(e),
        Err(e) if ci => Err(format!("{e} (CI=true: outside data must be present)")),
        Err(_) => Ok(None),
    }
}

/// Prints `SUITE: skipped: WHY` straight to stderr: libtest captures the
/// output of a passing test, and this line is the only sign that a suite
/// was skipped (`scripts/test.sh` counts these lines).
pub fn skip_notice(suite: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{suite}: skipped: {why}");
}

/// `CI=true` (or `1`): outside data must be present, nothing is skipped.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// [`conformance_dir`] without the environment: `env` is the variable's
/// value, `root` the repository root.
pub fn locate_conformance(env: Option<OsString>, root: &Path) -> Result<PathBuf, String> {
    // Spelled without `..` where possible, so the message names a plain path.
    let beside = root.parent().map_or_else(
        || root.join("../shared/conformance"),
        |up| up.join("shared/conformance"),
    );
    match env {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_dir() {
                Ok(dir)
            } else {
                Err(format!(
                    "the conformance suite is not at {} (set by {CONFORMANCE_ENV}); \
                     point {CONFORMANCE_ENV} at the suite's directory, or unset it to use {}",
                    dir.display(),
                    beside.display()
                ))
            }
        }
        None if beside.is_dir() => Ok(beside),
        None => Err(format!(
            "the conformance suite is not at {} (`../shared/conformance` beside the repository); \
             check it out there, or set {CONFORMANCE_ENV} to its directory",
            beside.display()
        )),
    }
}

/// The files of `dir` whose name ends in `.ext`, sorted; panics naming the
/// directory when it cannot be read.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// Every object `scripts/build-c.sh` built (`tests/programs/build/**.o`),
/// sorted; panics with how to build them when there are none.
pub fn built_objects() -> Vec<PathBuf> {
    let root = repo_root().join("tests/programs/build");
    let mut objects = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| {
            panic!(
                "{}: {e}: run `bash scripts/build-c.sh` first (scripts/test.sh does)",
                d.display()
            )
        });
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "o") {
                objects.push(p);
            }
        }
    }
    objects.sort();
    assert!(
        !objects.is_empty(),
        "no objects under {}: run `bash scripts/build-c.sh`",
        root.display()
    );
    objects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_conformance_dir_names_both_ways_to_find_it() {
        let root = Path::new("/nonexistent/repo");
        let e = locate_conformance(None, root).unwrap_err();
        assert!(
            e.contains("/nonexistent/shared/conformance") && e.contains(CONFORMANCE_ENV),
            "{e}"
        );
        let e = locate_conformance(Some("/nonexistent/suite".into()), root).unwrap_err();
        assert!(
            e.contains("/nonexistent/suite")
                && e.contains(CONFORMANCE_ENV)
                && e.contains("shared/conformance"),
            "{e}"
        );
    }

    #[test]
    fn an_absent_suite_is_skipped_except_on_ci_or_when_named() {
        let root = Path::new("/nonexistent/repo");
        assert_eq!(conformance_or_skip(None, root, false), Ok(None));
        let e = conformance_or_skip(None, root, true).unwrap_err();
        assert!(e.contains("CI=true") && e.contains(CONFORMANCE_ENV), "{e}");
        assert!(conformance_or_skip(Some("/nonexistent/suite".into()), root, false).is_err());
        let here = std::env::temp_dir();
        assert_eq!(
            conformance_or_skip(Some(here.clone().into()), root, true),
            Ok(Some(here))
        );
    }

    #[test]
    fn the_variable_wins_over_the_layout() {
        let here = std::env::temp_dir();
        assert_eq!(
            locate_conformance(Some(here.clone().into()), Path::new("/nonexistent")),
            Ok(here)
        );
    }
}

/// Every gallery example, corpus case and clang-built test program, named
/// by file (and program, for objects). Without the built objects, `suite`
/// is reported skipped for them (a failure under `CI=true`).
pub fn all_programs(suite: &str) -> Vec<(String, dynptr_play::program::Program)> {
    let root = repo_root();
    let mut out = Vec::new();
    let mut sources: Vec<PathBuf> = Vec::new();
    for dir in ["static/examples", "tests/corpus/spec", "tests/corpus/extra"] {
        sources.extend(files_with_ext(&root.join(dir), "s"));
    }
    for f in sources {
        let text = std::fs::read_to_string(&f).expect("readable source");
        if let Ok(p) = dynptr_play::asm::assemble(&text) {
            out.push((f.display().to_string(), p));
        }
    }
    let build = root.join("tests/programs/build");
    if build.is_dir() {
        for obj in built_objects() {
            let bytes = std::fs::read(&obj).expect("readable object");
            for p in dynptr_play::elf::load(&bytes).unwrap_or_default() {
                out.push((format!("{} {}", obj.display(), p.name), p));
            }
        }
    } else if on_ci() {
        panic!("{}: run scripts/build-c.sh", build.display());
    } else {
        skip_notice(&format!("{suite} (clang programs)"), "not built");
    }
    out
}
