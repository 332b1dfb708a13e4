//! Embeds the examples gallery (`static/examples/*.s`) into the page, so an
//! example opens instantly and offline; `static/examples/index.json` says
//! what each one teaches and which verdict it expects.
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../static/examples");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "s"));
    files.sort();
    let mut out = String::from("/// Every `static/examples/*.s` file: (file name, text).\npub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    out.push_str("];\n");
    let index = dir.join("index.json");
    println!("cargo:rerun-if-changed={}", index.display());
    let _ = writeln!(
        out,
        "/// `static/examples/index.json`.\npub static INDEX: &str = include_str!({:?});",
        index.display().to_string()
    );
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("examples_gen.rs"), out).expect("write examples_gen.rs");
}
