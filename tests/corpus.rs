//! The corpus (docs/corpus.md): every case of `tests/corpus/{spec,extra}/*.s`
//! and every program of `tests/programs/{spec,extra}/*.c` (built by
//! `scripts/build-c.sh` into `tests/programs/build/`), each with the verdict,
//! the verifier message and the run results it expects.
//!
//! For every case: load it (assembler or ELF loader), check the program's name
//! and type, verify it, compare the verdict and that the message contains the
//! expected text (plus the explanation and the level-1 log), verify it again
//! in the upstream wording where the case says what Linux 6.18 answers, and
//! for accepted cases with run expectations run it in the VM and compare r0,
//! globals and submitted ring buffer records. The assembly and C versions of
//! a case must state the same expectations. Closes with "corpus: N passed, M
//! failed" and fails on any failure other than the listed known gaps.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dynptr_play::program::{ProgType, Program};
use dynptr_play::verifier::{self, KernelProfile, VerifierOptions};
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::WorldConfig;

/// The groups, each a directory of `.s` files and one of `.c` files.
const GROUPS: [&str; 2] = ["spec", "extra"];

/// Cases (both versions) on which the engine is known to disagree with the
/// kernel, with the reason; each was checked against the running kernel.
/// They are counted as failed in the summary but do not fail the test, so
/// the rest of the project can land meanwhile; a listed case that passes
/// counts as passed and is named at the end, to be taken off the list.
/// `CORPUS_STRICT=1` makes the gaps fail the test.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// Cases whose `upstream:` expectation (what Linux 6.18 says) the
/// verifier's upstream wording does not meet yet; handled like `KNOWN_GAPS`.
/// (A case in `KNOWN_GAPS` is not checked in the upstream wording at all.)
const KNOWN_UPSTREAM_GAPS: &[(&str, &str)] = &[];

fn gap_reason(list: &'static [(&str, &str)], group: &str, name: &str) -> Option<&'static str> {
    list.iter()
        .find(|(k, _)| k.split_once('/') == Some((group, name)))
        .map(|(_, why)| *why)
}

/// The reason a case is a known gap, if it is one.
fn known_gap(group: &str, name: &str) -> Option<&'static str> {
    gap_reason(KNOWN_GAPS, group, name)
}

/// The reason a case's upstream check is a known gap, if it is one.
fn known_upstream_gap(group: &str, name: &str) -> Option<&'static str> {
    gap_reason(KNOWN_UPSTREAM_GAPS, group, name)
}

/// The selftests' IPv4/TCP test packet (`pkt_v4` of network_helpers.c):
/// Ethernet (EtherType 0x0800), IPv4 (IHL 5, protocol TCP, tot_len 123), TCP
/// (doff 5, urg_ptr 123). 54 bytes.
const PKT_V4: &str = "00000000000000000000000008004500007b0000000000060000000000000000\
                      0000000000000000000000000000500000000000007b";

/// A packet named in an expectation, or hex bytes.
fn packet_bytes(spec: &str) -> Result<Vec<u8>, String> {
    let hex = match spec {
        "pkt_v4" => PKT_V4,
        other => other,
    };
    let hex: String = hex.chars().filter(|c| !c.is_whitespace()).collect();
    if !hex.len().is_multiple_of(2) {
        return Err(format!("packet `{spec}`: odd number of hex digits"));
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
                .ok_or_else(|| format!("packet `{spec}`: not hex"))
        })
        .collect()
}

/// What the verifier should say.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Accept,
    Reject,
}

/// Everything a case expects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Expect {
    verdict: Option<Verdict>,
    /// Text the verifier's message must contain (rejections).
    message: Option<String>,
    /// Packet bytes for the run (packet program types).
    packet: Option<Vec<u8>>,
    /// `r0` or a global's name, and its value after the run.
    run: Vec<(String, i128)>,
    /// Submitted (not discarded) ring buffer records after the run.
    ringbuf_records: Option<u64>,
    /// What today's kernel says (checked on Linux 6.18), for the verifier's
    /// upstream kernel: the verdict and, for a rejection, message text.
    upstream: Option<(Verdict, Option<String>)>,
}

impl Expect {
    /// True when the case is run in the VM.
    fn runs(&self) -> bool {
        !self.run.is_empty() || self.ringbuf_records.is_some()
    }
}

/// An integer as the expectations write it: decimal, negative, or `0x` hex.
fn parse_int(s: &str) -> Result<i128, String> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    let v = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(h) => i128::from_str_radix(h, 16),
        None => body.parse::<i128>(),
    }
    .map_err(|_| format!("`{s}` is not an integer"))?;
    Ok(if neg { -v } else { v })
}

/// Adds one `key: value` item to `e`. Keys other than the known ones are
/// description text and ignored.
fn add_item(e: &mut Expect, key: &str, value: &str) -> Result<(), String> {
    let value = value.trim();
    match key.trim() {
        "expect" => {
            let (verdict, msg) = parse_verdict("expect", value)?;
            e.verdict = Some(verdict);
            if msg.is_some() {
                e.message = msg;
            }
        }
        "upstream" => {
            let (verdict, msg) = parse_verdict("upstream", value)?;
            if verdict == Verdict::Reject && msg.is_none() {
                return Err("upstream: a rejection needs a message in double quotes".into());
            }
            e.upstream = Some((verdict, msg));
        }
        "message" => e.message = Some(value.to_string()),
        "packet" => e.packet = Some(packet_bytes(value)?),
        "ringbuf-records" => {
            e.ringbuf_records = Some(
                u64::try_from(parse_int(value)?)
                    .map_err(|_| "ringbuf-records must not be negative".to_string())?,
            )
        }
        "run" => {
            for item in value.split(',') {
                let (name, v) = item
                    .split_once('=')
                    .ok_or_else(|| format!("run: `{item}` is not NAME = VALUE"))?;
                e.run.push((name.trim().to_string(), parse_int(v)?));
            }
        }
        _ => {}
    }
    Ok(())
}

/// `accept`, `reject`, or `reject "message"`.
fn parse_verdict(key: &str, value: &str) -> Result<(Verdict, Option<String>), String> {
    let (word, rest) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    let verdict = match word {
        "accept" => Verdict::Accept,
        "reject" => Verdict::Reject,
        other => return Err(format!("{key}: `{other}` is neither accept nor reject")),
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok((verdict, None));
    }
    let msg = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .ok_or_else(|| format!("{key}: message `{rest}` must be in double quotes"))?;
    Ok((verdict, Some(msg.to_string())))
}

/// Checks that an expectation is complete and consistent.
fn validate(e: &Expect) -> Result<(), String> {
    match e.verdict {
        None => Err("no `expect:` line".into()),
        Some(Verdict::Reject) if e.message.is_none() => Err("a rejection needs a message".into()),
        Some(Verdict::Reject) if e.runs() => {
            Err("a rejected case cannot have run expectations".into())
        }
        Some(Verdict::Accept) if e.message.is_some() => {
            Err("an accepted case has no message".into())
        }
        _ => Ok(()),
    }
}

/// The expectations in the header comments of a `.s` case: `; key: value`
/// lines (description lines are ignored).
fn parse_asm_expect(src: &str) -> Result<Expect, String> {
    let mut e = Expect::default();
    for line in src.lines() {
        let Some(comment) = line.trim_start().strip_prefix(';') else {
            continue;
        };
        if let Some((key, value)) = comment.split_once(':') {
            if matches!(
                key.trim(),
                "expect" | "message" | "packet" | "run" | "ringbuf-records" | "upstream"
            ) {
                add_item(&mut e, key, value)?;
            }
        }
    }
    validate(&e)?;
    Ok(e)
}

/// The programs of a C file that carry an expectation: the comment right
/// before a `SEC(...)` line holds `expect: ...` and further `key: value`
/// items separated by `;`. The program's name is that of the function the
/// `SEC` line introduces.
fn parse_c_expects(src: &str) -> Result<Vec<(String, Expect)>, String> {
    let mut out = Vec::new();
    let mut rest = src;
    let mut consumed = 0;
    while let Some(pos) = rest.find("\nSEC(\"") {
        let sec_at = consumed + pos + 1;
        let before = &src[..sec_at];
        let after = &src[sec_at..];
        consumed = sec_at + 4;
        rest = &src[consumed..];
        // The function name: `int NAME(` on the lines after SEC.
        let name = after
            .lines()
            .skip(1)
            .find_map(|l| {
                l.trim()
                    .strip_prefix("int ")
                    .and_then(|r| r.split('(').next())
            })
            .map(|n| n.trim().to_string())
            .ok_or_else(|| format!("no `int NAME(` after SEC at byte {sec_at}"))?;
        // The comment ending right before the SEC line.
        let trimmed = before.trim_end();
        if !trimmed.ends_with("*/") {
            continue;
        }
        let Some(open) = trimmed.rfind("/*") else {
            continue;
        };
        let comment = &trimmed[open + 2..trimmed.len() - 2];
        let Some(at) = comment.find("expect:") else {
            continue;
        };
        let text: String = comment[at..]
            .lines()
            .map(|l| l.trim_start().trim_start_matches('*').trim())
            .collect::<Vec<_>>()
            .join(" ");
        let mut e = Expect::default();
        for item in split_items(&text) {
            if let Some((key, value)) = item.split_once(':') {
                add_item(&mut e, key, value).map_err(|m| format!("{name}: {m}"))?;
            }
        }
        validate(&e).map_err(|m| format!("{name}: {m}"))?;
        out.push((name, e));
    }
    Ok(out)
}

/// Splits `a: x; b: "y; z"` at the semicolons outside double quotes.
fn split_items(text: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut quoted = false;
    for ch in text.chars() {
        if ch == ';' && !quoted {
            items.push(String::new());
            continue;
        }
        if ch == '"' {
            quoted = !quoted;
        }
        if let Some(s) = items.last_mut() {
            s.push(ch);
        }
    }
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where a case's program comes from.
#[derive(Debug, Clone)]
enum Source {
    Asm(PathBuf),
    C { object: PathBuf },
}

/// One case: a program and what it expects.
#[derive(Debug, Clone)]
struct Case {
    group: &'static str,
    name: String,
    source: Source,
    expect: Expect,
}

impl Case {
    fn label(&self) -> String {
        match &self.source {
            Source::Asm(_) => format!("{}/{}.s", self.group, self.name),
            Source::C { object } => format!(
                "{}/{}.c:{}",
                self.group,
                object.file_stem().and_then(|s| s.to_str()).unwrap_or("?"),
                self.name
            ),
        }
    }

    /// Assembles or loads the program.
    fn load(&self) -> Result<Program, String> {
        match &self.source {
            Source::Asm(path) => {
                let src = std::fs::read_to_string(path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                dynptr_play::asm::assemble(&src).map_err(|e| format!("assembler: {e}"))
            }
            Source::C { object } => {
                let bytes =
                    std::fs::read(object).map_err(|e| format!("{}: {e}", object.display()))?;
                dynptr_play::elf::load_program(&bytes, &self.name)
                    .map_err(|e| format!("ELF loader: {e}"))
            }
        }
    }
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == ext));
    files.sort();
    files
}

/// Every case, the problems found while collecting them, and notes.
struct Collection {
    cases: Vec<Case>,
    problems: Vec<String>,
    notes: Vec<String>,
}

fn collect() -> Collection {
    let root = dynptr_tests::repo_root();
    let mut col = Collection {
        cases: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    for group in GROUPS {
        for path in sorted_files(&root.join("tests/corpus").join(group), "s") {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|s| parse_asm_expect(&s))
            {
                Ok(expect) => col.cases.push(Case {
                    group,
                    name,
                    source: Source::Asm(path),
                    expect,
                }),
                Err(m) => col.problems.push(format!("{group}/{name}.s: {m}")),
            }
        }
        for src_path in sorted_files(&root.join("tests/programs").join(group), "c") {
            let stem = src_path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let object = root
                .join("tests/programs/build")
                .join(group)
                .join(format!("{stem}.o"));
            let parsed = std::fs::read_to_string(&src_path)
                .map_err(|e| e.to_string())
                .and_then(|s| parse_c_expects(&s));
            let programs = match parsed {
                Ok(p) => p,
                Err(m) => {
                    col.problems.push(format!("{group}/{stem}.c: {m}"));
                    continue;
                }
            };
            if !object.is_file() {
                col.notes.push(format!(
                    "{group}/{stem}.c: {} is not built (run `bash scripts/build-c.sh`); its {} programs are skipped",
                    object.display(),
                    programs.len()
                ));
                continue;
            }
            for (name, expect) in programs {
                col.cases.push(Case {
                    group,
                    name,
                    source: Source::C {
                        object: object.clone(),
                    },
                    expect,
                });
            }
        }
    }
    col
}

/// The assembly and the C version of a case must say the same. Returns the
/// problems; a C program without an assembly twin (or the reverse) is one.
fn cross_check(cases: &[Case], c_built: bool) -> Vec<String> {
    /// The assembly and the C version of one case.
    type Twins<'a> = (Option<&'a Case>, Option<&'a Case>);
    let mut by_key: BTreeMap<(&str, &str), Twins> = BTreeMap::new();
    for c in cases {
        let slot = by_key.entry((c.group, c.name.as_str())).or_default();
        match c.source {
            Source::Asm(_) => slot.0 = Some(c),
            Source::C { .. } => slot.1 = Some(c),
        }
    }
    let mut problems = Vec::new();
    for ((group, name), pair) in by_key {
        match pair {
            (Some(a), Some(c)) if a.expect != c.expect => problems.push(format!(
                "{group}/{name}: the .s and the .c expect different things:\n    .s: {:?}\n    .c: {:?}",
                a.expect, c.expect
            )),
            (Some(_), None) if c_built => problems.push(format!("{group}/{name}: no C version")),
            (None, Some(_)) => problems.push(format!("{group}/{name}: no assembly version")),
            _ => {}
        }
    }
    problems
}

/// What checking one case found: the series-era checks (load, verdict,
/// message, run) and, when the case states one, the upstream verdict.
struct Outcome {
    era: Result<String, String>,
    upstream: Option<Result<String, String>>,
}

/// Runs one case.
fn check_case(case: &Case, asm_types: &BTreeMap<(&str, String), ProgType>) -> Outcome {
    let prog = match load_checked(case, asm_types) {
        Ok(p) => p,
        Err(m) => {
            return Outcome {
                era: Err(m),
                upstream: None,
            }
        }
    };
    let era = (|| {
        let mut note = format!("{} insns, {}", prog.insns.len(), prog.prog_type.name());
        let opts = VerifierOptions {
            log_level: 1,
            ..VerifierOptions::default()
        };
        let report = verifier::verify(&prog, &opts);
        let verdict = case.expect.verdict.clone().ok_or("no verdict")?;
        note.push_str(&compare_verdict(
            &report,
            &verdict,
            case.expect.message.as_deref(),
        )?);
        // The log reads like the kernel's: the error, then the statistics.
        let last_msg_line = report
            .message
            .as_deref()
            .and_then(|m| m.lines().last())
            .unwrap_or("");
        if !report.log.contains(last_msg_line)
            || !report.log.lines().any(|l| l.starts_with("processed "))
        {
            return Err(format!(
                "the level-1 log lacks the message or the \"processed N insns\" line{note}"
            ));
        }
        // The playground explains every rejection (issue 3: "an explanation
        // of each rejection that the kernel does not give").
        if !report.accepted() && report.explanation.as_deref().is_none_or(str::is_empty) {
            return Err(format!(
                "rejected as expected, but without an explanation{note}"
            ));
        }
        if case.expect.runs() {
            let _ = write!(note, "; {}", run_and_compare(&prog, &case.expect)?);
        } else if !report.accepted() {
            let _ = write!(
                note,
                "; {}",
                run_unsafe(&prog, case.expect.packet.as_deref())?
            );
        }
        Ok(note)
    })();
    let skip_upstream = era.is_err() && known_gap(case.group, &case.name).is_some();
    let upstream = case
        .expect
        .upstream
        .as_ref()
        .filter(|_| !skip_upstream)
        .map(|(verdict, msg)| {
            let opts = VerifierOptions {
                kernel: KernelProfile::Linux6_18,
                ..VerifierOptions::default()
            };
            compare_verdict(&verifier::verify(&prog, &opts), verdict, msg.as_deref())
                .map(|note| note.trim_start_matches("; ").to_string())
        });
    Outcome { era, upstream }
}

/// Loads a case's program and checks its name, type and packet.
fn load_checked(
    case: &Case,
    asm_types: &BTreeMap<(&str, String), ProgType>,
) -> Result<Program, String> {
    let prog = case.load()?;
    if prog.name != case.name {
        return Err(format!(
            "the program is called `{}`, expected `{}`",
            prog.name, case.name
        ));
    }
    if let Source::C { .. } = case.source {
        if let Some(t) = asm_types.get(&(case.group, case.name.clone())) {
            if *t != prog.prog_type {
                return Err(format!(
                    "program type {} differs from the assembly version's {}",
                    prog.prog_type.name(),
                    t.name()
                ));
            }
        }
    }
    if prog.prog_type.has_packet() && case.expect.runs() && case.expect.packet.is_none() {
        return Err("a packet program with run expectations needs a `packet:`".into());
    }
    Ok(prog)
}

/// Compares a verifier report with the expected verdict and message text;
/// Ok carries a note of what the verifier said.
fn compare_verdict(
    report: &verifier::Report,
    verdict: &Verdict,
    message: Option<&str>,
) -> Result<String, String> {
    let said = report
        .message
        .clone()
        .unwrap_or_default()
        .replace('\n', " / ");
    let at = report
        .insn
        .map(|i| format!(" at insn {i}"))
        .unwrap_or_default();
    match (verdict, report.accepted()) {
        (Verdict::Accept, false) => return Err(format!("rejected{at}: {said}")),
        (Verdict::Reject, true) => return Err("accepted, expected a rejection".into()),
        _ => {}
    }
    if let Some(want) = message {
        if !report.message.as_deref().unwrap_or("").contains(want) {
            return Err(format!("rejected{at} with \"{said}\", expected \"{want}\""));
        }
        return Ok(format!("; rejected{at}: {said}"));
    }
    Ok(format!(
        "; accepted ({} insns processed)",
        report.stats.insns_processed
    ))
}

/// A value after a run compared with an expected integer: `bytes` is a
/// little-endian integer of its length, read as signed when the expected
/// value is negative.
fn int_matches(bytes: &[u8], expected: i128) -> bool {
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = *s;
    }
    let bits = (bytes.len().min(16) * 8) as u32;
    let unsigned = u128::from_le_bytes(buf);
    if expected < 0 {
        if bits == 0 {
            return false;
        }
        let shift = 128 - bits;
        ((unsigned << shift) as i128 >> shift) == expected
    } else {
        i128::try_from(unsigned).is_ok_and(|u| u == expected)
    }
}

/// Runs a rejected program anyway, as the playground's unsafe mode does: it
/// may fault (that is what the verifier prevented) but must end, without a
/// panic, within the instruction budget.
fn run_unsafe(prog: &Program, packet: Option<&[u8]>) -> Result<String, String> {
    let mut cfg = WorldConfig::default();
    if let Some(p) = packet {
        cfg.packet = p.to_vec();
    }
    let opts = VmOptions {
        unsafe_mode: true,
        ..VmOptions::default()
    };
    let outcome = std::panic::catch_unwind(|| {
        let mut vm = Vm::with_config(prog, &cfg, opts).map_err(|f| format!("VM setup: {f}"))?;
        Ok::<_, String>(vm.run())
    })
    .map_err(|_| "the VM panicked running it in unsafe mode".to_string())??;
    Ok(match (outcome.r0, outcome.fault) {
        (_, Some(f)) => format!("unsafe run: {f}"),
        (Some(r0), None) => format!("unsafe run: r0={}", r0 as i64),
        (None, None) => "unsafe run: no result".into(),
    })
}

/// Runs `prog` in the VM with the case's packet and checks what it states.
fn run_and_compare(prog: &Program, e: &Expect) -> Result<String, String> {
    let mut cfg = WorldConfig::default();
    if let Some(p) = &e.packet {
        cfg.packet = p.clone();
    }
    let mut vm =
        Vm::with_config(prog, &cfg, VmOptions::default()).map_err(|f| format!("VM setup: {f}"))?;
    let res = vm.run();
    if let Some(f) = res.fault {
        return Err(format!("the VM faulted: {f}"));
    }
    let r0 = res.r0.ok_or("the run ended without a return value")?;
    let globals = vm.world().globals();
    let mut seen = Vec::new();
    for (name, want) in &e.run {
        let (got, bytes) = if name == "r0" {
            (format!("{}", r0 as i64), r0.to_le_bytes().to_vec())
        } else {
            let bytes = globals
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.clone())
                .ok_or_else(|| format!("no global `{name}` after the run"))?;
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(&bytes) {
                *d = *s;
            }
            (format!("{}", u64::from_le_bytes(buf)), bytes)
        };
        if !int_matches(&bytes, *want) {
            return Err(format!("after the run {name} = {got}, expected {want}"));
        }
        seen.push(format!("{name}={got}"));
    }
    if let Some(want) = e.ringbuf_records {
        let got: usize = vm
            .world_mut()
            .consume()
            .iter()
            .map(|(_, recs)| recs.len())
            .sum();
        if got as u64 != want {
            return Err(format!(
                "{got} ring buffer records submitted, expected {want}"
            ));
        }
        seen.push(format!("records={got}"));
    }
    Ok(format!("ran {} insns: {}", res.steps, seen.join(" ")))
}

#[test]
fn corpus() {
    let col = collect();
    let c_built = !col.notes.iter().any(|n| n.contains("is not built"));
    for n in &col.notes {
        println!("note: {n}");
    }
    // Program types of the assembly versions, to compare the C ones against.
    let mut asm_types = BTreeMap::new();
    for case in col
        .cases
        .iter()
        .filter(|c| matches!(c.source, Source::Asm(_)))
    {
        if let Ok(p) = case.load() {
            asm_types.insert((case.group, case.name.clone()), p.prog_type);
        }
    }
    let strict = std::env::var_os("CORPUS_STRICT").is_some_and(|v| v == "1");
    let mut passed = 0usize;
    let mut gaps = Vec::new();
    let mut fixed = Vec::new();
    let mut failures: Vec<String> = col.problems.clone();
    failures.extend(cross_check(&col.cases, c_built));
    for case in &col.cases {
        let outcome = check_case(case, &asm_types);
        let mut checks = vec![(case.label(), outcome.era, known_gap(case.group, &case.name))];
        if let Some(up) = outcome.upstream {
            checks.push((
                format!("{} [upstream]", case.label()),
                up,
                known_upstream_gap(case.group, &case.name),
            ));
        }
        for (label, result, gap) in checks {
            match (result, gap) {
                (Ok(note), None) => {
                    passed += 1;
                    println!("ok   {label:<66} {note}");
                }
                (Ok(note), Some(_)) => {
                    // Fixed in the engine: a pass, and a reminder to shorten the list.
                    passed += 1;
                    println!("ok   {label:<66} {note} (FIXED: take it off the known gaps)");
                    fixed.push(label);
                }
                (Err(m), Some(why)) if !strict => {
                    println!("GAP  {label:<66} {m}");
                    gaps.push(format!("{label}: {m}\n      known: {why}"));
                }
                (Err(m), _) => {
                    println!("FAIL {label:<66} {m}");
                    failures.push(format!("{label}: {m}"));
                }
            }
        }
    }
    println!(
        "corpus: {passed} passed, {} failed",
        failures.len() + gaps.len()
    );
    println!(
        "(checks: every case in the series' wording, and {} cases also in the upstream wording)",
        col.cases
            .iter()
            .filter(|c| c.expect.upstream.is_some())
            .count()
    );
    if !gaps.is_empty() {
        println!(
            "{} of the failures are known engine gaps (KNOWN_GAPS), which do not fail the test:",
            gaps.len()
        );
        for g in &gaps {
            println!("  {g}");
        }
    }
    if !fixed.is_empty() {
        println!(
            "listed as known gaps but passing now (take them off the lists): {}",
            fixed.join(", ")
        );
    }
    let mut report = String::new();
    for f in &failures {
        let _ = writeln!(report, "  {f}");
    }
    assert!(failures.is_empty(), "corpus failures:\n{report}");
}

#[test]
fn asm_header_expectations() {
    let src = "; a description: with a colon\n; expect: reject\n; message: Unreleased reference id=1\n.program x raw_tp\n";
    let e = parse_asm_expect(src).expect("parses");
    assert_eq!(e.verdict, Some(Verdict::Reject));
    assert_eq!(e.message.as_deref(), Some("Unreleased reference id=1"));
    let src = "; expect: accept\n; packet: pkt_v4\n; run: r0 = -34\n; run: err = 0x0\n; ringbuf-records: 1\n";
    let e = parse_asm_expect(src).expect("parses");
    assert_eq!(e.run, vec![("r0".to_string(), -34), ("err".to_string(), 0)]);
    assert_eq!(e.packet.as_ref().map(Vec::len), Some(54));
    assert_eq!(e.ringbuf_records, Some(1));
    assert!(
        parse_asm_expect("; expect: reject\n").is_err(),
        "a rejection without a message"
    );
    assert!(parse_asm_expect("; expect: maybe\n").is_err());
    assert!(parse_asm_expect("; run: r0 = 1\n").is_err(), "no verdict");
}

#[test]
fn integer_comparison() {
    assert!(int_matches(&(-34i64 as u64).to_le_bytes(), -34));
    assert!(
        int_matches(&[0xde, 0xff, 0xff, 0xff], -34),
        "a negative int in a u32 global"
    );
    assert!(!int_matches(&[0xde, 0xff, 0xff, 0xff], 0xffffffde + 1));
    assert!(int_matches(&[0x45], 0x45));
    assert!(!int_matches(&[1, 0, 0, 0], 0));
}

#[test]
fn c_comment_expectations() {
    let src = "char x;\n\n/* expect: reject \"a; b\" */\nSEC(\"?raw_tp\")\nint one(void *ctx)\n{}\n\n\
               /* Some words.\n * expect: accept; packet: pkt_v4;\n * run: r0 = 1, err = 0\n */\nSEC(\"?tc\")\nint two(struct __sk_buff *skb)\n{}\n\n\
               SEC(\"?tc\")\nint three(void *ctx)\n{}\n";
    let got = parse_c_expects(src).expect("parses");
    assert_eq!(
        got.len(),
        2,
        "the program without a comment carries no case"
    );
    assert_eq!(got[0].0, "one");
    assert_eq!(got[0].1.message.as_deref(), Some("a; b"));
    assert_eq!(got[1].0, "two");
    assert_eq!(
        got[1].1.run,
        vec![("r0".to_string(), 1), ("err".to_string(), 0)]
    );
    assert!(got[1].1.packet.is_some());
}
