//! Message texts that differ between the kernel of the specification's era
//! (v6.1/v6.2 plus the series) and today's upstream kernel. Everything else
//! is worded the same in both and written where it is raised.

use serde::{Deserialize, Serialize};

/// Which kernel's wording (and, for dynptr slot overwrites, behaviour) to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Wording {
    /// The specification's era: arguments numbered from #1, a write into a
    /// dynptr's stack slots just turns the bytes into `STACK_MISC`.
    #[default]
    Series,
    /// Today's upstream: arguments numbered from #0, "cannot overwrite
    /// referenced dynptr", writes destroy a whole unreferenced dynptr.
    Upstream,
}

/// The number printed for argument `argno` (0-based) in dynptr messages.
pub fn dynptr_arg_number(w: Wording, argno: usize) -> usize {
    match w {
        Wording::Series => argno + 1,
        Wording::Upstream => argno,
    }
}

/// "Expected an initialized dynptr as arg #N".
pub fn expected_initialized_dynptr(w: Wording, argno: usize) -> String {
    format!(
        "Expected an initialized dynptr as arg #{}",
        dynptr_arg_number(w, argno)
    )
}

/// "Expected a dynptr of type ringbuf as arg #N".
pub fn expected_dynptr_type(w: Wording, kind: &str, argno: usize) -> String {
    format!(
        "Expected a dynptr of type {} as arg #{}",
        kind,
        dynptr_arg_number(w, argno)
    )
}

/// The text of an uninitialised-dynptr argument that is already a dynptr.
pub fn dynptr_not_uninit(_w: Wording) -> &'static str {
    "Dynptr has to be an uninitialized dynptr"
}

/// A referenced dynptr's slots are written over (upstream only).
pub const CANNOT_OVERWRITE_REFERENCED_DYNPTR: &str = "cannot overwrite referenced dynptr";

/// "R1 type=scalar expected=fp, dynptr_ptr" for a dynptr argument.
pub fn dynptr_expected_types(w: Wording) -> &'static str {
    match w {
        Wording::Series => "fp, dynptr_ptr, dynptr_ptr, dynptr_ptr, dynptr_ptr",
        Wording::Upstream => "fp, dynptr_ptr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(
            expected_initialized_dynptr(Wording::Series, 0),
            "Expected an initialized dynptr as arg #1"
        );
        assert_eq!(
            expected_initialized_dynptr(Wording::Upstream, 0),
            "Expected an initialized dynptr as arg #0"
        );
    }
}
