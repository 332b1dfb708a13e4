//! The differential test against the running kernel, at scale: programs
//! from a seeded generator (`kernel_diff/gen.rs`: ALU, stack, context,
//! packet, maps, globals, ring buffers, ring buffer / local / skb / xdp
//! dynptrs, `bpf_loop`, bpf-to-bpf calls, the number iterator; valid and
//! deliberately broken) are built by clang, 100 per object, loaded into the
//! kernel with `kload` and into the playground with `--kernel 6.18`
//! (`KernelProfile::Linux6_18`), and compared as `kernel_compare.rs`
//! compares the hand-written programs (`kernel_common`): the verdict; on a
//! shared rejection the kernel's error instruction and message; on a shared
//! acceptance the test run's r0, packet, globals, array map and ring buffer
//! records. The kernel is the oracle: nothing is predicted.
//!
//! By default 300 programs of seed 8 (a few seconds of kload); the full
//! run is `scripts/kernel-diff.sh 5000`, i.e. `KERNEL_DIFF_PROGRAMS=5000`
//! (and `KERNEL_DIFF_SEED` for another seed). Generated files go to
//! `tests/out/kernel-diff/seed-S/` (gitignored, rebuilt when they change);
//! a report of every program is written beside them.
//!
//! Disagreements that are understood are listed in [`KNOWN`], matched by
//! class (aspect, kernel and playground message, generator tag), never by
//! program number; any other disagreement fails the test. The closing line
//! is `kernel-diff: N programs, A agree, D disagree (K known), S skipped`.
//! Where the kernel cannot load BPF at all (not root, no CAP_BPF), or kload
//! or clang is missing, the suite prints `kernel-diff: skipped: why` and
//! passes, on CI too.

mod kernel_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use dynptr_play::elf;
use dynptr_play::world::packet;
use dynptr_tests::progen::kernel_gen as gen;
use dynptr_tests::{repo_root, skip_notice};
use gen::GenProgram;
use kernel_common::{compare_program, kload_missing, Comparison};

const DEFAULT_PROGRAMS: usize = 300;
/// The project's issue number: any fixed seed would do.
const DEFAULT_SEED: u64 = 8;
const PER_OBJECT: usize = 100;

/// A class of understood disagreement. Every pattern must match: `aspect`
/// is one of its `|`-separated aspects (`*`: any); `kernel`, `play` and
/// `tag` are [`matches`] patterns over the kernel's message, the
/// playground's message and the program's generator tag.
struct Known {
    aspect: &'static str,
    kernel: &'static str,
    play: &'static str,
    tag: &'static str,
    /// Only when the two messages are equal but for `id=N` numbers.
    ids_only: bool,
    why: &'static str,
}

const KNOWN: &[Known] = &[
    Known {
        aspect: "*",
        kernel: "",
        play: "At callback return|invalid mem access 'scalar'|R0 not a scalar value|R0 !read_ok",
        tag: "nr0",
        ids_only: false,
        why: "bpf_loop-nr0: since v6.7 the kernel verifies a bpf_loop callback as many times \
              as nr_loops may be (callback_depth < umax of R1), so with nr_loops the constant \
              0 it never looks at the callback; the playground (the v6.1 rule) verifies the \
              callback once whatever nr_loops is, and refuses the broken callback",
    },
    Known {
        aspect: "*",
        kernel: "",
        play: "invalid mem access 'map_value_or_null'|R0 invalid mem access 'scalar'",
        tag: "knownkey",
        ids_only: false,
        why: "array-lookup-not-null: since v6.14 (\"bpf: verifier: Support eliding map \
              lookup nullness\") a privileged array map lookup with a constant in-range key \
              on the stack returns a pointer that cannot be NULL, so a missing NULL check \
              (or a use on the NULL branch, now dead) is accepted; the playground keeps \
              map_value_or_null",
    },
    Known {
        aspect: "*",
        kernel: "",
        play: "math between fp pointer and register with unbounded|makes fp pointer be out of bounds|unbounded memory access|min value is negative|invalid variable-offset|invalid unbounded variable-offset",
        tag: "alu",
        ids_only: false,
        why: "alu-precision: today's kernel computes BPF_NEG and byte swaps (BPF_END) on \
              scalars exactly (0 - x; a swapped tnum; checked on 6.18), MUL of signed \
              ranges, and MUL/OR/XOR of two unknown scalars with bounds; the v6.1 rules the \
              playground follows make those results unknown, so an index an ALU chain \
              computed is unbounded in the playground only",
    },
    Known {
        aspect: "*",
        kernel: "",
        play: "BPF program is too large|The sequence of 8193 jumps is too complex",
        tag: "iter",
        ids_only: false,
        why: "iter-convergence: the kernel widens every imprecise scalar when it queues an \
              iterator's next pass (widen_imprecise_scalars) and prunes on precision it \
              backtracked; the playground decides which scalars may be widened with a \
              static pass that counts a value stored to the stack as precise, so a sum kept \
              in a register and later spilled grows every pass and the walk hits the limit",
    },
    Known {
        aspect: "*",
        kernel: "invalid size of register fill",
        play: "",
        tag: "alu",
        ids_only: false,
        why: "alu-precision: as above; the kernel knows the index exactly and finds it \
              reads part of a spilled pointer, the playground's range reads it as a scalar \
              and goes on",
    },
    Known {
        aspect: "message|insn",
        kernel: "",
        play: "At callback return|R0 not a scalar value|R0 !read_ok|R2 invalid mem access 'scalar'",
        tag: "loop",
        ids_only: false,
        why: "callback-order: since v6.7 the kernel queues a bpf_loop callback as a branch \
              and goes on with the caller first, so an error after the call is found before \
              the callback's; the playground (the v6.1 order) walks the callback at the call",
    },
    Known {
        aspect: "message",
        kernel: "",
        play: "",
        tag: "",
        ids_only: true,
        why: "reg-ids: register ids count every pointer and link the walk made, so they \
              shift when the walks differ before the error (an iterator loop walked a \
              different number of passes, an array lookup that today gets no id)",
    },
    Known {
        aspect: "verdict",
        kernel: "verifier bug: No program to jit",
        play: "",
        tag: "nr0",
        ids_only: false,
        why: "kernel-bug-unvisited-callback: a bug of Linux 6.18 itself: with nr_loops the \
              constant 0 the kernel never verifies the bpf_loop callback (bpf_loop-nr0), and \
              when the program has other subprograms (a bpf-to-bpf call, another callback) \
              the JIT stage then fails with 'verifier bug: No program to jit at insn N \
              (subprog < 0)' (EFAULT); the program is fine, and the playground accepts it",
    },
    Known {
        aspect: "r0|packet|globals|maps|ringbuf",
        kernel: "",
        play: "",
        tag: "ptr_return|leak_fp",
        ids_only: false,
        why: "pointer-value: the program returns (or stores) a stack address, which a \
              privileged loader may; the kernel's is a kernel address, the playground's one \
              of its simulated address space, so the values cannot agree",
    },
];

fn env_num(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => {
            let v = v.trim();
            let parsed = match v.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16),
                None => v.parse(),
            };
            parsed.unwrap_or_else(|e| panic!("{name}={v}: {e}"))
        }
        Err(_) => default,
    }
}

fn out_dir(seed: u64) -> PathBuf {
    repo_root().join(format!("tests/out/kernel-diff/seed-{seed}"))
}

fn clang() -> String {
    std::env::var("CLANG").unwrap_or_else(|_| "clang".into())
}

/// Writes `path` only when its content changes (keeps the object's mtime).
fn write_if_changed(path: &Path, text: &str) -> bool {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return false;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    true
}

/// Builds one object from `progs`; panics with clang's errors (a generator
/// bug).
fn build_object(dir: &Path, index: usize, progs: &[GenProgram]) -> PathBuf {
    let src = dir.join(format!("obj{index:03}.c"));
    let obj = dir.join(format!("obj{index:03}.o"));
    let changed = write_if_changed(&src, &gen::render_object(progs));
    if !changed && obj.is_file() {
        return obj;
    }
    // <asm/types.h> lives under the host's multiarch directory.
    let multiarch = Path::new("/usr/include/x86_64-linux-gnu");
    let out = Command::new(clang())
        .args(["-O2", "-g", "-target", "bpf", "-mcpu=v3"])
        .arg(format!("-I{}", multiarch.display()))
        .arg("-c")
        .arg(&src)
        .arg("-o")
        .arg(&obj)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", clang()));
    assert!(
        out.status.success(),
        "clang failed on {} (a generator bug):\n{}",
        src.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    obj
}

/// The verdict of one program.
enum Verdict {
    /// No difference.
    Agree,
    /// Differences, all known: (known index, text).
    Known(Vec<(usize, String)>),
    /// At least one unknown difference: the texts.
    Disagree(Vec<String>),
    Skip(String),
}

/// An empty pattern matches anything; otherwise one of its `|`-separated
/// alternatives must occur in `text`.
fn matches(pattern: &str, text: &str) -> bool {
    pattern.is_empty() || pattern.split('|').any(|p| text.contains(p))
}

/// `text` with every `id=N` written `id=_`.
fn without_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("id=") {
        out.push_str(&rest[..i + 3]);
        rest = rest[i + 3..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push('_');
    }
    out.push_str(rest);
    out
}

fn classify(prog: &GenProgram, c: &Comparison) -> Verdict {
    if c.diffs.is_empty() {
        return Verdict::Agree;
    }
    let play_msg = c
        .report
        .message
        .clone()
        .unwrap_or_default()
        .replace('\n', " / ");
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for (aspect, text) in &c.diffs {
        let hit = KNOWN.iter().position(|k| {
            (k.aspect == "*" || k.aspect.split('|').any(|a| a == *aspect))
                && matches(k.kernel, &c.kernel_msg)
                && matches(k.play, &play_msg)
                && matches(k.tag, &prog.tag)
                && (!k.ids_only || without_ids(&c.kernel_msg) == without_ids(&play_msg))
        });
        match hit {
            Some(i) => known.push((i, format!("{aspect}: {text}"))),
            None => unknown.push(format!("{aspect}: {text}")),
        }
    }
    if unknown.is_empty() {
        Verdict::Known(known)
    } else {
        unknown.extend(known.into_iter().map(|(i, t)| format!("(known #{i}) {t}")));
        Verdict::Disagree(unknown)
    }
}

/// Tallies for the closing lines.
#[derive(Default)]
struct Tally {
    programs: usize,
    agree: usize,
    known: usize,
    disagree: usize,
    skipped: usize,
    kernel_accepts: usize,
    kernel_rejects: usize,
    verdict_same: usize,
    msg_same: usize,
    insn_same: usize,
    run_same: usize,
    /// The kernel rejects, the playground accepts (would be unsound).
    kernel_only_rejects: usize,
    /// The kernel accepts, the playground rejects.
    play_only_rejects: usize,
    by_aspect: BTreeMap<&'static str, usize>,
    by_known: BTreeMap<usize, usize>,
    /// Unknown differences by class (aspect and the kernel's message).
    classes: BTreeMap<String, usize>,
}

#[test]
fn generated_programs_agree_with_the_kernel() {
    let n = env_num("KERNEL_DIFF_PROGRAMS", DEFAULT_PROGRAMS as u64) as usize;
    let seed = env_num("KERNEL_DIFF_SEED", DEFAULT_SEED);
    if let Some(why) = kload_missing() {
        skip_notice("kernel-diff", &why);
        return;
    }
    if Command::new(clang()).arg("--version").output().is_err() {
        skip_notice(
            "kernel-diff",
            &format!("{} not found (run scripts/setup.sh)", clang()),
        );
        return;
    }
    let dir = out_dir(seed);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut progs = gen::generate(seed, n);
    gen::assign_packets(&mut progs, seed, &packet::default_frame());

    let mut t = Tally::default();
    let mut report = String::new();
    let mut failures = Vec::new();
    for (oi, chunk) in progs.chunks(PER_OBJECT).enumerate() {
        let obj = build_object(&dir, oi, chunk);
        let bytes = std::fs::read(&obj).unwrap_or_else(|e| panic!("{}: {e}", obj.display()));
        for p in chunk {
            t.programs += 1;
            let frame = p.packet.clone().unwrap_or_default();
            let verdict = match elf::load_program(&bytes, &p.name) {
                Err(e) => {
                    Verdict::Disagree(vec![format!("load: the playground cannot load it: {e}")])
                }
                Ok(prog) => match compare_program(&prog, &obj, &p.name, &frame, true, 0) {
                    Err(r) if r.no_bpf => {
                        skip_notice("kernel-diff", &r.why);
                        return;
                    }
                    Err(r) => Verdict::Skip(r.why),
                    Ok(c) => {
                        let kacc = c.kernel.verdict == "accept";
                        if kacc {
                            t.kernel_accepts += 1;
                        } else {
                            t.kernel_rejects += 1;
                        }
                        let has = |a: &str| c.diffs.iter().any(|(x, _)| *x == a);
                        if has("verdict") {
                            if kacc {
                                t.play_only_rejects += 1;
                            } else {
                                t.kernel_only_rejects += 1;
                            }
                        }
                        if !has("verdict") {
                            t.verdict_same += 1;
                            if !kacc {
                                t.msg_same += usize::from(!has("message"));
                                t.insn_same += usize::from(!has("insn"));
                            } else {
                                t.run_same += usize::from(c.diffs.is_empty());
                            }
                        }
                        for (a, _) in &c.diffs {
                            *t.by_aspect.entry(a).or_default() += 1;
                        }
                        let v = classify(p, &c);
                        let _ = writeln!(
                            report,
                            "{} [{}] {}: {}",
                            p.name,
                            p.section.name(),
                            p.tag,
                            c.summary
                        );
                        if let Verdict::Disagree(_) = &v {
                            for (a, _) in &c.diffs {
                                let class = match *a {
                                    "verdict" | "message" | "insn" => {
                                        format!(
                                            "{a}: kernel \"{}\" / playground \"{}\"",
                                            c.kernel_msg,
                                            c.report
                                                .message
                                                .clone()
                                                .unwrap_or_default()
                                                .replace('\n', " / ")
                                        )
                                    }
                                    _ => a.to_string(),
                                };
                                *t.classes.entry(class).or_default() += 1;
                            }
                        }
                        v
                    }
                },
            };
            match verdict {
                Verdict::Agree => t.agree += 1,
                Verdict::Known(k) => {
                    t.known += 1;
                    for (i, text) in k {
                        *t.by_known.entry(i).or_default() += 1;
                        let _ = writeln!(report, "    known #{i}: {}", text.replace('\n', " "));
                    }
                }
                Verdict::Disagree(d) => {
                    t.disagree += 1;
                    let mut s = format!(
                        "DIFF  {} [{}] {} ({}):",
                        p.name,
                        p.section.name(),
                        p.tag,
                        obj.display()
                    );
                    for x in &d {
                        s.push_str("\n        ");
                        s.push_str(x);
                    }
                    println!("{s}");
                    let _ = writeln!(report, "{s}");
                    failures.push(p.name.clone());
                }
                Verdict::Skip(why) => {
                    t.skipped += 1;
                    let _ = writeln!(report, "skip  {}: {why}", p.name);
                }
            }
        }
    }
    let compared = t.programs - t.skipped;
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let mut closing = String::new();
    let _ = writeln!(
        closing,
        "kernel-diff: seed {seed}: kernel accepted {}, rejected {}; verdicts agree {}/{} ({:.2}%); \
         shared rejections: message {}/{}, insn {}/{}; shared acceptances: run {}/{}",
        t.kernel_accepts,
        t.kernel_rejects,
        t.verdict_same,
        compared,
        pct(t.verdict_same, compared),
        t.msg_same,
        t.kernel_rejects.min(t.verdict_same),
        t.insn_same,
        t.kernel_rejects.min(t.verdict_same),
        t.run_same,
        t.kernel_accepts.min(t.verdict_same),
    );
    let _ = writeln!(
        closing,
        "kernel-diff: verdicts differ: kernel rejects and playground accepts {}, kernel accepts and playground rejects {}",
        t.kernel_only_rejects, t.play_only_rejects
    );
    for (a, c) in &t.by_aspect {
        let _ = writeln!(closing, "kernel-diff: {c} programs differ in {a}");
    }
    for (i, c) in &t.by_known {
        let _ = writeln!(
            closing,
            "kernel-diff: known #{i} ({} {}): {c}",
            KNOWN[*i].aspect,
            KNOWN[*i].why.split(':').next().unwrap_or("")
        );
    }
    for (class, c) in &t.classes {
        let _ = writeln!(closing, "kernel-diff: unknown class x{c}: {class}");
    }
    let report_path = dir.join("report.txt");
    let _ = writeln!(closing, "kernel-diff: report: {}", report_path.display());
    let _ = writeln!(
        closing,
        "kernel-diff: {} programs, {} agree, {} disagree ({} known), {} skipped",
        t.programs,
        t.agree,
        t.known + t.disagree,
        t.known,
        t.skipped
    );
    report.push_str(&closing);
    let _ = std::fs::write(&report_path, &report);
    print!("{closing}");
    // Straight to stderr too, so that the line shows (and scripts/test.sh
    // finds it) even when libtest captures the output of a passing test.
    let _ = write!(
        std::io::stderr(),
        "{}",
        closing
            .lines()
            .last()
            .map(|l| format!("{l}\n"))
            .unwrap_or_default()
    );
    assert!(
        failures.is_empty(),
        "{} programs disagree with the kernel in ways not listed in KNOWN (see {}): {}",
        failures.len(),
        report_path.display(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
}
