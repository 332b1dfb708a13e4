//! Loading `clang -O2 -target bpf` objects.
