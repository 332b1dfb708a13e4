//! libFuzzer target `vm`: see `dynptr_fuzz::fuzz_vm` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dynptr_fuzz::fuzz_vm(data));
