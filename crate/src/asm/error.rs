//! The one error type of both assemblers.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An assembly error: where it is (1-based line and column, counted in
/// characters) and what the assembler expected there.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("line {line}, column {col}: {message}")]
pub struct AsmError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
    /// What is wrong, phrased as what was expected.
    pub message: String,
}

impl AsmError {
    /// An error at `line`, `col`.
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        AsmError {
            line,
            col,
            message: message.into(),
        }
    }
}
