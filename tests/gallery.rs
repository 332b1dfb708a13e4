//! Every example of the page's gallery (`static/examples/index.json`)
//! assembles (or, for a C lesson, compiles with clang as `web/build.rs`
//! compiles it), declares the program type the page shows, and gets the
//! verdict its index entry promises under the kernel profile it names.

mod kernel_common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dynptr_play::asm;
use dynptr_play::program::Program;
use dynptr_play::verifier::KernelProfile;
use dynptr_tests::{on_ci, repo_root, skip_notice};
use serde_json::Value;

struct Example {
    file: String,
    expect: String,
    src: String,
    /// `kernel`: the profile of the verdict (default: the default profile).
    kernel: KernelProfile,
    /// `pair`: the same program written the other way.
    pair: Option<String>,
    /// `program`: which program of a C lesson's object.
    program: Option<String>,
}

impl Example {
    fn is_c(&self) -> bool {
        self.file.ends_with(".c")
    }
}

fn gallery() -> Vec<Example> {
    let dir = repo_root().join("static/examples");
    let index: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("index.json")).expect("index.json"))
            .expect("valid JSON");
    index
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            let file = e["file"].as_str().expect("file").to_string();
            let src =
                fs::read_to_string(dir.join(&file)).unwrap_or_else(|err| panic!("{file}: {err}"));
            let kernel = match e.get("kernel").and_then(Value::as_str) {
                None => KernelProfile::default(),
                Some(k) => KernelProfile::from_name(k)
                    .unwrap_or_else(|| panic!("{file}: unknown kernel profile {k:?}")),
            };
            let text = |key: &str| e.get(key).and_then(Value::as_str).map(str::to_string);
            Example {
                expect: e["expect"].as_str().expect("expect").to_string(),
                src,
                kernel,
                pair: text("pair"),
                program: text("program"),
                file,
            }
        })
        .collect()
}

#[test]
fn the_gallery_has_at_least_20_lessons_each_with_a_comment() {
    let g = gallery();
    assert!(g.len() >= 20, "{} examples", g.len());
    for e in &g {
        let head = if e.is_c() { "/* Lesson" } else { "; Lesson" };
        assert!(
            e.src.trim_start().starts_with(head),
            "{} starts with its lesson",
            e.file
        );
        assert!(
            e.expect == "accepted" || e.expect.starts_with("rejected: "),
            "{}: {}",
            e.file,
            e.expect
        );
    }
}

#[test]
fn every_example_assembles() {
    let mut failures = Vec::new();
    for e in gallery().into_iter().filter(|e| !e.is_c()) {
        if let Err(err) = asm::assemble(&e.src) {
            failures.push(format!("{}: {err}", e.file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the gallery do not assemble:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_gets_its_expected_verdict_and_accepted_ones_run_cleanly() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in gallery().into_iter().filter(|e| !e.is_c()) {
        let Ok(p) = asm::assemble(&e.src) else {
            continue;
        };
        match check_verdict(&e, p) {
            Ok(()) => checked += 1,
            Err(f) => failures.push(f),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the gallery fail ({checked} fine):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What the page does on Verify and Run: the verdict under the example's
/// profile must be the promised one; an accepted program runs in safe mode
/// (with the profile's VM options, as the page runs it) to its end without
/// a fault.
fn check_verdict(e: &Example, p: Program) -> Result<(), String> {
    use dynptr_play::session::Session;
    use dynptr_play::verifier::{verify, VerifierOptions};
    use dynptr_play::vm::snapshot::RunState;
    use dynptr_play::vm::VmOptions;
    use dynptr_play::world::WorldConfig;

    let opts = VerifierOptions {
        kernel: e.kernel,
        ..VerifierOptions::default()
    };
    let report = verify(&p, &opts);
    let got = match &report.message {
        None => "accepted".to_string(),
        Some(m) => format!("rejected: {}", m.trim_end()),
    };
    // Like the selftests' `__msg`: the expected text appears in the message
    // (the kernel prefixes some with the register, `R6 invalid mem access`).
    let ok = match e.expect.strip_prefix("rejected: ") {
        None => got == "accepted",
        Some(msg) => got.starts_with("rejected: ") && got.contains(msg),
    };
    if !ok {
        return Err(format!(
            "{} ({}): expected `{}`, got `{got}`",
            e.file,
            e.kernel.name(),
            e.expect
        ));
    }
    // A rejection is explained by its provenance chain: steps in walk
    // order ending at the rejected instruction, each numbered in the
    // explanation (the page's markers), the families' own steps there.
    if !report.accepted() {
        check_provenance(e, &report)?;
    }
    if report.accepted() {
        let vm = VmOptions {
            allow_uninit_stack: e.kernel.allow_uninit_stack(),
            packet_dynptr_data: e.kernel.packet_dynptr_data(),
            ..VmOptions::default()
        };
        let mut s = Session::new(p, WorldConfig::default(), vm)
            .map_err(|f| format!("{}: cannot start: {f}", e.file))?;
        if let RunState::Faulted { fault } = s.continue_to(&[]).state.clone() {
            return Err(format!("{}: accepted but faults: {fault}", e.file));
        }
    }
    Ok(())
}

/// The provenance chain of a rejected lesson, and the steps its family
/// must show (by the message: a released dynptr, a slice, a leak...).
fn check_provenance(e: &Example, report: &dynptr_play::verifier::Report) -> Result<(), String> {
    use dynptr_play::verifier::provenance::marker;
    let steps = &report.provenance;
    let roles: Vec<&str> = steps.iter().map(|s| s.role.name()).collect();
    let fail = |why: &str| Err(format!("{}: provenance {why}: {roles:?}", e.file));
    match steps.last() {
        Some(s) if Some(s.insn) == report.insn && s.role.name() == "rejected" => {}
        _ => return fail("does not end at the rejected instruction"),
    }
    let ex = report.explanation.as_deref().unwrap_or_default();
    for (i, s) in steps.iter().enumerate() {
        if !ex.contains(&format!("{} insn {}: {}", marker(i + 1), s.insn, s.text)) {
            return fail(&format!(
                "step {} is not numbered in the explanation",
                i + 1
            ));
        }
    }
    let m = report.message.as_deref().unwrap_or_default();
    let has = |r: &str| roles.contains(&r);
    let want: &[&str] = if m.contains("Unreleased reference") {
        &["created"]
    } else if m.contains("invalid mem access 'scalar'")
        || m.contains("_or_null'")
        || m.contains("rdonly_mem")
    {
        // A slice used after its dynptr died, without its NULL check, or
        // written though read-only.
        &["created", "slice"]
    } else if m.contains("unbounded memory access") {
        &["unbounded"]
    } else if m.contains("unknown func") {
        &["ctx"]
    } else {
        &[]
    };
    if let Some(r) = want.iter().find(|r| !has(r)) {
        return fail(&format!("lacks a `{r}` step"));
    }
    // A dynptr used after its family was released shows the release.
    if m.contains("Expected an initialized dynptr") && has("created") && !has("released") {
        return fail("shows the dynptr made but not released");
    }
    Ok(())
}

fn clang() -> String {
    std::env::var("CLANG").unwrap_or_else(|_| "clang".into())
}

/// True when clang runs; otherwise a one-line notice (a failure under
/// `CI=true`, where the C lessons must be checked).
fn have_clang() -> bool {
    let runs = Command::new(clang())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        let why = format!("{} not found (run scripts/setup.sh)", clang());
        assert!(!on_ci(), "CI=true but {why}");
        skip_notice("gallery C lessons", &why);
    }
    runs
}

/// `/usr/include/<multiarch>`, where `<asm/types.h>` lives.
fn multiarch_include() -> String {
    let arch = Command::new("dpkg-architecture")
        .arg("-qDEB_HOST_MULTIARCH")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{}-linux-gnu", std::env::consts::ARCH));
    format!("/usr/include/{arch}")
}

/// Compiles a C lesson as `web/build.rs` does (`clang -O2 -g -target bpf
/// -mcpu=v3`) into `tests/out/gallery/`.
fn compile(file: &str) -> Result<PathBuf, String> {
    let root = repo_root();
    let out_dir = root.join("tests/out/gallery");
    fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let obj = out_dir.join(Path::new(file).with_extension("o"));
    let out = Command::new(clang())
        .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3"])
        .arg(format!("-I{}", multiarch_include()))
        .arg("-I")
        .arg(root.join("tests/programs/include"))
        .arg("-c")
        .arg(root.join("static/examples").join(file))
        .arg("-o")
        .arg(&obj)
        .output()
        .map_err(|e| format!("{file}: cannot run {}: {e}", clang()))?;
    if !out.status.success() {
        return Err(format!(
            "{file}: clang failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(obj)
}

#[test]
fn the_gallery_has_at_least_8_c_lessons_in_pairs_with_their_profiles() {
    let g = gallery();
    let c: Vec<&Example> = g.iter().filter(|e| e.is_c()).collect();
    assert!(c.len() >= 8, "{} C lessons", c.len());
    // Every C file of the directory is in the index (the page embeds them all).
    let dir = repo_root().join("static/examples");
    for f in dynptr_tests::files_with_ext(&dir, "c") {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(
            g.iter().any(|e| e.file == name),
            "{name} is not in index.json"
        );
    }
    // A rejection lesson quotes the verifier's message in its comment.
    for e in &c {
        if let Some(msg) = e.expect.strip_prefix("rejected: ") {
            assert!(e.src.contains(msg), "{}: the lesson quotes `{msg}`", e.file);
        }
    }
    let mut pairs = 0;
    for e in &g {
        let Some(other) = &e.pair else { continue };
        let o = g
            .iter()
            .find(|x| &x.file == other)
            .unwrap_or_else(|| panic!("{}: its pair {other} is not in the index", e.file));
        assert_eq!(
            o.pair.as_deref(),
            Some(e.file.as_str()),
            "{}: pairs name each other",
            e.file
        );
        assert_ne!(
            o.kernel, e.kernel,
            "{} and {other}: a pair compares two profiles",
            e.file
        );
        // The series' helpers under `series`, upstream kfuncs under 6.18.
        let kfuncs = e.src.contains("dynptr_kfuncs.h") || e.src.contains("call kfunc");
        let want = if kfuncs {
            KernelProfile::Linux6_18
        } else {
            KernelProfile::Series
        };
        assert_eq!(e.kernel, want, "{}: profile of its flavour", e.file);
        if e.is_c() {
            pairs += 1;
        }
    }
    assert!(pairs >= 2, "{pairs} C lessons in pairs");
}

#[test]
fn every_c_lesson_compiles_and_gets_its_expected_verdict_under_its_profile() {
    if !have_clang() {
        return;
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in gallery().into_iter().filter(Example::is_c) {
        let obj = match compile(&e.file) {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let bytes = fs::read(&obj).unwrap_or_else(|err| panic!("{}: {err}", obj.display()));
        let progs = match dynptr_play::elf::load(&bytes) {
            Ok(p) => p,
            Err(err) => {
                failures.push(format!("{}: the object does not load: {err}", e.file));
                continue;
            }
        };
        // The page opens the entry's program, or the object's first.
        let p = match &e.program {
            Some(name) => progs.into_iter().find(|p| &p.name == name),
            None => progs.into_iter().next(),
        };
        let Some(p) = p else {
            failures.push(format!("{}: no program {:?}", e.file, e.program));
            continue;
        };
        match check_verdict(&e, p) {
            Ok(()) => checked += 1,
            Err(f) => failures.push(f),
        }
    }
    assert!(
        failures.is_empty(),
        "{} C lessons fail ({checked} fine):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The C lessons verified under `6.18` load into the running kernel with
/// `kload` and must get the same verdict and message there (and, when
/// accepted, the same r0, packet, globals and ring buffer records). Where
/// the kernel cannot be asked (no kload, not root) this prints one line and
/// passes, as `kernel_compare` does.
#[test]
fn the_6_18_c_lessons_agree_with_the_running_kernel() {
    if !have_clang() {
        return;
    }
    if let Some(why) = kernel_common::kload_missing() {
        skip_notice("gallery C lessons vs kernel", &why);
        return;
    }
    let mut failures = Vec::new();
    let mut compared = 0;
    let lessons = gallery()
        .into_iter()
        .filter(|e| e.is_c() && e.kernel == KernelProfile::Linux6_18);
    for e in lessons {
        let obj = compile(&e.file).unwrap_or_else(|f| panic!("{f}"));
        let bytes = fs::read(&obj).unwrap_or_else(|err| panic!("{}: {err}", obj.display()));
        let name = e
            .program
            .clone()
            .unwrap_or_else(|| e.file.trim_end_matches(".c").to_string());
        let prog = dynptr_play::elf::load_program(&bytes, &name)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let packet = dynptr_play::world::packet::default_frame();
        match kernel_common::compare_program(&prog, &obj, &name, &packet, false, 0) {
            Ok(c) if c.diffs.is_empty() => compared += 1,
            Ok(c) => failures.push(format!(
                "{}: {}\n  {}",
                e.file,
                c.summary,
                c.diffs
                    .iter()
                    .map(|(a, t)| format!("{a}: {t}"))
                    .collect::<Vec<_>>()
                    .join("\n  ")
            )),
            Err(r) => {
                skip_notice(
                    "gallery C lessons vs kernel",
                    &format!("{}: {}", e.file, r.why),
                );
                if r.no_bpf {
                    return;
                }
            }
        }
    }
    {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "gallery C lessons vs kernel: {compared} agree, {} disagree",
            failures.len()
        );
    }
    assert!(
        failures.is_empty(),
        "{} C lessons disagree with the kernel ({compared} agree):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
