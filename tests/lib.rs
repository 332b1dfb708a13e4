//! Shared helpers of the integration tests (paths of the shared suites).
use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/conformance` beside the repository (CI's layout), or
/// `$DYNPTR_CONFORMANCE_DIR`.
pub fn conformance_dir() -> PathBuf {
    std::env::var_os("DYNPTR_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/conformance"))
}
