//! Embeds the examples gallery into the page, so an example opens instantly
//! and offline; `static/examples/index.json` says what each one teaches and
//! which verdict it expects.
//!
//! - `static/examples/*.s`: assembly, embedded as text.
//! - `static/examples/*.c`: C lessons, compiled here by clang into BPF
//!   objects (in `OUT_DIR`) and embedded as bytes: the page opens one as it
//!   opens a dropped `.o` file. Without clang the build fails and says how
//!   to install it; `$CLANG` names another compiler.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = manifest.join("../static/examples");
    let include = manifest.join("../tests/programs/include");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", include.display());
    println!("cargo:rerun-if-env-changed=CLANG");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let with_ext = |ext: &str| -> Vec<&PathBuf> {
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect()
    };

    let mut out = String::from("/// Every `static/examples/*.s` file: (file name, text).\npub static FILES: &[(&str, &str)] = &[\n");
    for f in with_ext("s") {
        println!("cargo:rerun-if-changed={}", f.display());
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            file_name(f),
            f.display().to_string()
        );
    }
    out.push_str("];\n");

    let sources = with_ext("c");
    if let Ok(rd) = std::fs::read_dir(&include) {
        for h in rd.flatten() {
            println!("cargo:rerun-if-changed={}", h.path().display());
        }
    }
    out.push_str("/// Every `static/examples/*.c` file, compiled by clang: (file name, object).\npub static OBJECTS: &[(&str, &[u8])] = &[\n");
    if !sources.is_empty() {
        let clang = std::env::var("CLANG").unwrap_or_else(|_| "clang".into());
        require_clang(&clang);
        for src in sources {
            println!("cargo:rerun-if-changed={}", src.display());
            let name = file_name(src);
            let obj = out_dir.join(format!("example_{}.o", name.trim_end_matches(".c")));
            compile(&clang, src, &include, &obj);
            let _ = writeln!(
                out,
                "    ({name:?}, include_bytes!({:?})),",
                obj.display().to_string()
            );
        }
    }
    out.push_str("];\n");

    let index = dir.join("index.json");
    println!("cargo:rerun-if-changed={}", index.display());
    let _ = writeln!(
        out,
        "/// `static/examples/index.json`.\npub static INDEX: &str = include_str!({:?});",
        index.display().to_string()
    );
    std::fs::write(out_dir.join("examples_gen.rs"), out).expect("write examples_gen.rs");
}

fn file_name(p: &Path) -> &str {
    p.file_name().and_then(|n| n.to_str()).unwrap_or_default()
}

/// Fails the build, saying how to get clang, when `clang` does not run.
fn require_clang(clang: &str) {
    let runs = Command::new(clang)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        fail(&format!(
            "the C lessons of the gallery (static/examples/*.c) are compiled at build time, \
             and `{clang}` does not run.\nRun scripts/setup.sh (it installs clang, llvm and \
             libbpf-dev), or set $CLANG to a clang that targets BPF."
        ));
    }
}

/// `/usr/include/<multiarch>`, where `<asm/types.h>` lives.
fn multiarch_include() -> String {
    let from_dpkg = Command::new("dpkg-architecture")
        .arg("-qDEB_HOST_MULTIARCH")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let arch = from_dpkg.unwrap_or_else(|| {
        // The build machine's triple: x86_64-unknown-linux-gnu -> x86_64-linux-gnu.
        let host = std::env::var("HOST").unwrap_or_default();
        let cpu = host.split('-').next().unwrap_or("x86_64");
        format!("{cpu}-linux-gnu")
    });
    format!("/usr/include/{arch}")
}

/// `clang -O2 -g -target bpf -mcpu=v3`, as scripts/build-c.sh builds the
/// test programs; a compile error fails the build with clang's message.
fn compile(clang: &str, src: &Path, include: &Path, obj: &Path) {
    let out = Command::new(clang)
        .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3"])
        .arg(format!("-I{}", multiarch_include()))
        .arg("-I")
        .arg(include)
        .arg("-c")
        .arg(src)
        .arg("-o")
        .arg(obj)
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run {clang}: {e} (run scripts/setup.sh)")));
    if !out.status.success() {
        let hint = if Path::new("/usr/include/bpf/bpf_helpers.h").exists() {
            ""
        } else {
            "\n/usr/include/bpf/bpf_helpers.h is missing: run scripts/setup.sh (libbpf-dev)."
        };
        fail(&format!(
            "{clang} failed on {}:\n{}{hint}",
            src.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

/// Stops the build with `message` (on stderr, which cargo shows in full),
/// without a panic's backtrace.
fn fail(message: &str) -> ! {
    eprintln!("\nerror: {message}\n");
    std::process::exit(1)
}
