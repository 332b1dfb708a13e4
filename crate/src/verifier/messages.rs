//! Message texts that differ between the kernel of the specification's era
//! (v6.1/v6.2 plus the series) and today's upstream kernel. Everything else
//! is worded the same in both and written where it is raised.

use super::profile::KernelProfile;

/// The number printed for argument `argno` (0-based) in dynptr messages.
pub fn dynptr_arg_number(w: KernelProfile, argno: usize) -> usize {
    w.dynptr_arg_number(argno)
}

/// "Expected an initialized dynptr as arg #N".
pub fn expected_initialized_dynptr(w: KernelProfile, argno: usize) -> String {
    format!(
        "Expected an initialized dynptr as arg #{}",
        dynptr_arg_number(w, argno)
    )
}

/// "Expected a dynptr of type ringbuf as arg #N".
pub fn expected_dynptr_type(w: KernelProfile, kind: &str, argno: usize) -> String {
    format!(
        "Expected a dynptr of type {} as arg #{}",
        kind,
        dynptr_arg_number(w, argno)
    )
}

/// The text of an uninitialised-dynptr argument that is already a dynptr.
pub fn dynptr_not_uninit(_w: KernelProfile) -> &'static str {
    "Dynptr has to be an uninitialized dynptr"
}

/// A referenced dynptr's slots are written over (upstream only).
pub const CANNOT_OVERWRITE_REFERENCED_DYNPTR: &str = "cannot overwrite referenced dynptr";

/// "R1 type=scalar expected=fp, dynptr_ptr" for a dynptr argument.
pub fn dynptr_expected_types(w: KernelProfile) -> &'static str {
    match w {
        KernelProfile::Series => "fp, dynptr_ptr, dynptr_ptr, dynptr_ptr, dynptr_ptr",
        KernelProfile::Linux6_18 => "fp, dynptr_ptr",
    }
}

/// A dynptr argument that is neither on the stack nor a dynptr pointer.
pub fn dynptr_not_stack(w: KernelProfile, argno: usize) -> String {
    match w {
        KernelProfile::Series => format!("arg#{argno} expected pointer to stack or dynptr_ptr"),
        KernelProfile::Linux6_18 => {
            format!("arg#{argno} expected pointer to stack or const struct bpf_dynptr")
        }
    }
}

/// "R2 type=scalar expected=..." for a map key or value (`map_kv`) or a
/// memory argument: today's kernel takes any memory for all of them
/// (`mem_types`, whose last type, a trusted BTF pointer, prints as
/// `trusted_ptr_`).
pub fn mem_expected_types(w: KernelProfile, map_kv: bool) -> &'static str {
    match (w, map_kv) {
        (KernelProfile::Series, true) => "fp, pkt, pkt_meta, map_key, map_value",
        (KernelProfile::Series, false) => {
            "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf"
        }
        (KernelProfile::Linux6_18, _) => {
            "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_"
        }
    }
}

/// A global function's context argument gets something else.
pub fn global_arg_not_ctx(w: KernelProfile, argno: usize, got: &str) -> String {
    match w {
        KernelProfile::Series => format!("arg#{argno} expected pointer to ctx, but got {got}"),
        KernelProfile::Linux6_18 => format!("arg#{argno} expects pointer to ctx"),
    }
}

/// `func#1` or `func#1 ('name')`, as the global function messages name
/// a function.
fn global_func_ref(w: KernelProfile, sub: usize, name: &str, caps: bool) -> String {
    let f = if caps { "Func" } else { "func" };
    if w.global_func_messages_name_it() {
        format!("{f}#{sub} ('{name}')")
    } else {
        format!("{f}#{sub}")
    }
}

/// The call of a global function is not walked.
pub fn global_assumed_valid(w: KernelProfile, sub: usize, name: &str) -> String {
    format!(
        "{} is global and assumed valid.",
        global_func_ref(w, sub, name, true)
    )
}

/// The call's arguments do not match the global function's prototype.
pub fn global_invalid_args(w: KernelProfile, sub: usize, name: &str) -> String {
    format!(
        "Caller passes invalid args into {}",
        global_func_ref(w, sub, name, false)
    )
}

/// A global function was verified.
pub fn global_safe(w: KernelProfile, sub: usize, name: &str) -> String {
    format!(
        "{} is safe for any args that match its prototype",
        global_func_ref(w, sub, name, true)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(
            expected_initialized_dynptr(KernelProfile::Series, 0),
            "Expected an initialized dynptr as arg #1"
        );
        assert_eq!(
            expected_initialized_dynptr(KernelProfile::Linux6_18, 0),
            "Expected an initialized dynptr as arg #0"
        );
    }
}
