//! libFuzzer target `asm`: see `dynptr_fuzz::fuzz_asm` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dynptr_fuzz::fuzz_asm(data));
