//! Builds `bpf/count_eth.c` with clang into `$OUT_DIR/count_eth.o`, which
//! the browser tests embed with `include_bytes!`. Only a wasm32 build needs
//! it (the tests only exist there), so a native `cargo build` of the
//! workspace does not need clang.
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let src = "bpf/count_eth.c";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-env-changed=CLANG");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("count_eth.o");
    let clang = std::env::var("CLANG").unwrap_or_else(|_| "clang".to_string());
    // <asm/types.h> lives under the host's multiarch include directory.
    let multiarch = Command::new("dpkg-architecture")
        .arg("-qDEB_HOST_MULTIARCH")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "x86_64-linux-gnu".to_string());
    let status = Command::new(&clang)
        .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3"])
        .arg(format!("-I/usr/include/{multiarch}"))
        .arg("-c")
        .arg(src)
        .arg("-o")
        .arg(&out)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{clang} failed to compile {src} ({s}); it needs the libbpf headers (bash scripts/setup.sh installs them)"),
        Err(e) => panic!("cannot run {clang} to compile {src}: {e}; bash scripts/setup.sh installs clang"),
    }
}
