//! libFuzzer target `elf`: see `dynptr_fuzz::fuzz_elf` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dynptr_fuzz::fuzz_elf(data));
