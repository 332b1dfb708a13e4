//! Assembly in two dialects (LLVM pseudo-C and the ubpf style of the
//! conformance suite) and the disassembler, which prints the LLVM dialect.
