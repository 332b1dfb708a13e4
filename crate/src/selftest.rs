//! Testing a clang object's programs from their annotations, the way the
//! kernel selftests' test loader (`tools/testing/selftests/bpf/test_loader.c`)
//! does.
//!
//! The annotations are `btf_decl_tag` attributes on the program's function,
//! as the `bpf_misc.h` macros write them, which clang (with `-g`) stores in
//! `.BTF` as `DECL_TAG` types pointing at the function's `FUNC`:
//!
//! | tag                                 | macro            | meaning |
//! |-------------------------------------|------------------|---------|
//! | `comment:test_expect_success`       | `__success`      | the verifier accepts the program (the default) |
//! | `comment:test_expect_failure`       | `__failure`      | the verifier rejects it |
//! | `comment:test_expect_msg=TEXT`      | `__msg(TEXT)`    | TEXT is in the verifier log; several must appear in this order (Linux 6.12-6.18 write `test_expect_msg=N=TEXT`, N ordering them; newer ones `comment:N:test_expect_msg=TEXT`) |
//! | `comment:test_expect_not_msg=TEXT`  | `__not_msg(TEXT)`| TEXT is not in the log between the neighbouring `__msg`s |
//! | `comment:test_log_level=N`          | `__log_level(N)` | the verifier's log level (default 0) |
//! | `comment:test_retval=N`             | `__retval(N)`    | run the accepted program; r0 (as a 32-bit int) must be N |
//! | `comment:test_description=TEXT`     | `__description`  | the name shown instead of the function's |
//! | `comment:test_auxiliary`            | `__auxiliary`    | not a test of its own |
//! | `comment:test_prog_flags=FLAG`      | `__flag(FLAG)`   | a load flag: `BPF_F_STRICT_ALIGNMENT` (or `1`) is simulated; `!FLAG` clears it |
//!
//! Newer kernels number their tags (`comment:17:test_expect_failure`, the
//! number from `__COUNTER__`) and sort by that number, because a compiler
//! does not promise to keep the order of the attributes; both forms are read
//! here, numbered tags in number order, plain ones in the order clang emitted
//! them (the source order).
//!
//! A message may hold regular expressions between `{{` and `}}`
//! (`__msg("R{{[0-9]}} invalid mem access")`); the rest of it is verbatim.
//! `__retval` takes a number (decimal, `0x` hex, negative) or one of the
//! names the kernel's loader knows: `INT_MIN` (also `_INT_MIN`), `INT_MAX`,
//! `TEST_DATA_LEN` (64) and `POINTER_VALUE` (any value: the program returns
//! a pointer the test cannot know; also written as its value `0xbadcafe`).
//!
//! As in the kernel's loader every program of the object is a test, each
//! loaded on its own, also one whose section name starts with `?` (not
//! autoloaded); a program without any tag is expected to load. The log
//! level follows libbpf: at level 0 a rejected program is verified again at
//! level 1, so that the messages can be looked for in the log.
//!
//! Tags the kernel's loader reads but the playground does not simulate
//! (unprivileged mode, xlated or JIT listings, program flags other than
//! `BPF_F_STRICT_ALIGNMENT`, architectures, capabilities, ...) are listed in
//! [`TestSpec::ignored`], not acted upon.

use std::collections::BTreeMap;

use regex::bytes::{Regex, RegexBuilder};
use serde::Serialize;

use crate::elf::{self, ElfError, ProgramInfo};
use crate::program::Program;
use crate::verifier::{self, KernelProfile, Report, Verdict, VerifierOptions};
use crate::vm::{Vm, VmOptions};
use crate::world::WorldConfig;

/// `POINTER_VALUE` of the kernel's `bpf_misc.h`: a `__retval` that accepts
/// any return value.
pub const POINTER_VALUE: u32 = 0xbad_cafe;
/// `TEST_DATA_LEN` of the kernel's `bpf_misc.h`: the bytes of the packet a
/// test run sees (the selftests' loader runs every program over that many
/// zero bytes), also a `__retval` value.
pub const TEST_DATA_LEN: i32 = 64;

/// The prefix every test tag starts with.
const TAG_PREFIX: &str = "comment:";

/// `BPF_F_STRICT_ALIGNMENT`, the one program flag the playground simulates.
pub const BPF_F_STRICT_ALIGNMENT: u32 = 1;

/// The program flags the kernel's test loader knows by name (`__flag(...)`).
const PROG_FLAGS: &[(&str, u32)] = &[
    ("BPF_F_STRICT_ALIGNMENT", BPF_F_STRICT_ALIGNMENT),
    ("BPF_F_ANY_ALIGNMENT", 1 << 1),
    ("BPF_F_TEST_RND_HI32", 1 << 2),
    ("BPF_F_TEST_STATE_FREQ", 1 << 3),
    ("BPF_F_SLEEPABLE", 1 << 4),
    ("BPF_F_XDP_HAS_FRAGS", 1 << 5),
    ("BPF_F_XDP_DEV_BOUND_ONLY", 1 << 6),
    ("BPF_F_TEST_REG_INVARIANTS", 1 << 7),
];

/// What the verifier should say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// Accepted (`__success`, or no verdict tag).
    Success,
    /// Rejected (`__failure`).
    Failure,
}

/// One expected (or, `negative`, forbidden) piece of the verifier log.
#[derive(Debug, Clone)]
pub struct ExpectedMsg {
    /// The text as written in the tag.
    pub text: String,
    /// `__not_msg`: must not appear.
    pub negative: bool,
    /// The compiled pattern when the text holds `{{regex}}` parts.
    regex: Option<Regex>,
}

impl ExpectedMsg {
    fn new(text: &str, negative: bool) -> Result<ExpectedMsg, String> {
        let regex = if text.contains("{{") {
            Some(compile_pattern(text)?)
        } else {
            None
        };
        Ok(ExpectedMsg {
            text: text.to_string(),
            negative,
            regex,
        })
    }

    /// The first match at or after `from`: (start, end).
    fn find(&self, log: &[u8], from: usize) -> Option<(usize, usize)> {
        let hay = log.get(from..)?;
        match &self.regex {
            Some(re) => re.find(hay).map(|m| (from + m.start(), from + m.end())),
            None => {
                let needle = self.text.as_bytes();
                if needle.is_empty() {
                    return Some((from, from));
                }
                hay.windows(needle.len())
                    .position(|w| w == needle)
                    .map(|p| (from + p, from + p + needle.len()))
            }
        }
    }
}

/// A message pattern: verbatim text with `{{...}}` regular expressions, as
/// the kernel's loader compiles it (POSIX extended, newline-sensitive: `.`
/// does not cross a line, `^`/`$` match at line ends).
fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    let mut re = String::new();
    let mut rest = pattern;
    loop {
        match rest.find("{{") {
            None => {
                re.push_str(&regex::escape(rest));
                break;
            }
            Some(open) => {
                re.push_str(&regex::escape(&rest[..open]));
                let after = &rest[open + 2..];
                let close = after.find("}}").ok_or_else(|| {
                    format!("message `{pattern}` opens `{{{{` without a closing `}}}}`")
                })?;
                re.push_str(&after[..close]);
                rest = &after[close + 2..];
            }
        }
    }
    RegexBuilder::new(&re)
        .multi_line(true)
        .unicode(false)
        .build()
        .map_err(|e| format!("message `{pattern}`: bad regular expression: {e}"))
}

/// What `__retval` expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retval {
    /// r0's low 32 bits must be this.
    Value(i32),
    /// `POINTER_VALUE`: any value.
    Any,
}

impl Serialize for Retval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Retval::Value(v) => s.serialize_i32(*v),
            Retval::Any => s.serialize_str("POINTER_VALUE"),
        }
    }
}

/// `__retval`'s argument.
fn parse_retval(s: &str) -> Result<Retval, String> {
    match s {
        "INT_MIN" | "_INT_MIN" => return Ok(Retval::Value(i32::MIN)),
        "INT_MAX" => return Ok(Retval::Value(i32::MAX)),
        "TEST_DATA_LEN" => return Ok(Retval::Value(TEST_DATA_LEN)),
        "POINTER_VALUE" => return Ok(Retval::Any),
        _ => {}
    }
    let v = parse_int(s).ok_or_else(|| {
        format!(
            "__retval `{s}`: expected a number (decimal or 0x hex, may be negative) \
             or INT_MIN, INT_MAX, TEST_DATA_LEN, POINTER_VALUE"
        )
    })?;
    if v < i64::from(i32::MIN) || v > i64::from(u32::MAX) {
        return Err(format!(
            "__retval `{s}`: out of the 32-bit range of a test run's return value"
        ));
    }
    // The kernel compares the run's u32 retval as an int.
    let bits = v as u32;
    Ok(if bits == POINTER_VALUE {
        Retval::Any
    } else {
        Retval::Value(bits as i32)
    })
}

/// A decimal or `0x` hexadecimal integer with an optional `-`.
fn parse_int(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let magnitude = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            i64::from_str_radix(hex, 16).ok()?
        }
        Some(_) => return None,
        None if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse::<i64>().ok()?
        }
        None => return None,
    };
    Some(if neg { -magnitude } else { magnitude })
}

/// The test a program's annotations describe.
#[derive(Debug, Clone, Serialize)]
pub struct TestSpec {
    /// The function name.
    pub name: String,
    /// The ELF section (`tc`, `?xdp`, ...).
    pub section: String,
    /// `__description`, shown instead of the name.
    pub description: Option<String>,
    /// Accepted or rejected.
    pub expect: Expect,
    /// `__msg` / `__not_msg`, in order.
    #[serde(skip)]
    pub msgs: Vec<ExpectedMsg>,
    /// `__log_level` (0 when absent).
    pub log_level: u32,
    /// `__retval`: run the program and compare r0.
    pub retval: Option<Retval>,
    /// `__auxiliary`: loaded with other tests, not a test itself.
    pub auxiliary: bool,
    /// The program's load flags from `__flag(...)` (`BPF_F_STRICT_ALIGNMENT`
    /// is 1); only [`BPF_F_STRICT_ALIGNMENT`] changes what the playground
    /// does.
    pub prog_flags: u32,
    /// Every test tag of the function (`comment:...`), in the order applied.
    pub tags: Vec<String>,
    /// Tags of the kernel's loader that the playground does not act upon.
    pub ignored: Vec<String>,
    /// Why the annotations cannot be read (a bad `__retval`, an unclosed
    /// `{{`): the test fails with this reason, as the kernel's loader fails
    /// a program whose spec it cannot parse.
    pub error: Option<String>,
}

impl TestSpec {
    /// The name a report shows: the description, else the function name.
    pub fn display_name(&self) -> &str {
        self.description.as_deref().unwrap_or(&self.name)
    }

    /// False for a `SEC("?...")` program (the test loader still tests it).
    pub fn autoload(&self) -> bool {
        !self.section.starts_with('?')
    }

    /// True when the function has at least one test tag.
    pub fn annotated(&self) -> bool {
        !self.tags.is_empty()
    }

    /// Reads the annotations of function `name` in section `section` from
    /// its decl tags (all of them, in the order clang emitted them).
    pub fn from_tags(name: &str, section: &str, decl_tags: &[String]) -> TestSpec {
        let mut spec = TestSpec {
            name: name.to_string(),
            section: section.to_string(),
            description: None,
            expect: Expect::Success,
            msgs: Vec::new(),
            log_level: 0,
            retval: None,
            auxiliary: false,
            prog_flags: 0,
            tags: Vec::new(),
            ignored: Vec::new(),
            error: None,
        };
        for (body, full) in ordered_test_tags(decl_tags) {
            spec.tags.push(full.to_string());
            if let Err(e) = spec.apply(&body, full) {
                // The first problem is the one reported.
                spec.error.get_or_insert(e);
            }
        }
        spec
    }

    /// Applies one tag, `body` being the part after `comment:` (and the
    /// counter).
    fn apply(&mut self, body: &str, full: &str) -> Result<(), String> {
        if let Some(v) = body.strip_prefix("test_description=") {
            self.description = Some(v.to_string());
        } else if body == "test_expect_failure" {
            self.expect = Expect::Failure;
        } else if body == "test_expect_success" {
            self.expect = Expect::Success;
        } else if let Some(v) = body.strip_prefix("test_expect_msg=") {
            self.msgs.push(ExpectedMsg::new(v, false)?);
        } else if let Some(v) = body.strip_prefix("test_expect_not_msg=") {
            self.msgs.push(ExpectedMsg::new(v, true)?);
        } else if let Some(v) = body.strip_prefix("test_log_level=") {
            let level = parse_int(v)
                .filter(|l| (0..=7).contains(l))
                .ok_or_else(|| {
                    format!(
                        "__log_level `{v}`: expected 0 to 7 (1: the log, 2: every \
                         instruction, 4: statistics; ORed)"
                    )
                })?;
            self.log_level = level as u32;
        } else if let Some(v) = body.strip_prefix("test_retval=") {
            self.retval = Some(parse_retval(v)?);
        } else if body == "test_auxiliary" {
            self.auxiliary = true;
        } else if let Some(v) = body.strip_prefix("test_prog_flags=") {
            // As the kernel's loader: a known name or a number; `!` clears.
            let (clear, name) = match v.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, v),
            };
            let flags = PROG_FLAGS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|&(_, f)| f)
                .or_else(|| parse_int(name).and_then(|n| u32::try_from(n).ok()))
                .ok_or_else(|| format!("__flag `{v}`: expected a BPF_F_* name or a number"))?;
            if clear {
                self.prog_flags &= !flags;
            } else {
                self.prog_flags |= flags;
            }
            if flags & !BPF_F_STRICT_ALIGNMENT != 0 {
                self.ignored.push(full.to_string());
            }
        } else {
            // The unprivileged variants, xlated/JIT listings, program
            // flags, architectures, capabilities, BTF paths, streams,
            // linear size, and tags no loader knows.
            self.ignored.push(full.to_string());
        }
        Ok(())
    }
}

/// The test tags among a function's decl tags, as (body after the prefix,
/// whole tag): numbered ones (`comment:N:...`) sorted by number first, then
/// plain ones (`comment:...`) in their order. Other decl tags are skipped.
fn ordered_test_tags(decl_tags: &[String]) -> Vec<(String, &str)> {
    let mut numbered: Vec<(u64, String, &str)> = Vec::new();
    let mut plain: Vec<(String, &str)> = Vec::new();
    for tag in decl_tags {
        let Some(rest) = tag.strip_prefix(TAG_PREFIX) else {
            continue;
        };
        let counter = rest
            .split_once(':')
            .filter(|(n, _)| is_counter(n))
            .and_then(|(n, body)| n.parse::<u64>().ok().map(|n| (n, body.to_string())))
            .or_else(|| counted_value(rest));
        match counter {
            Some((n, body)) => numbered.push((n, body, tag)),
            None => plain.push((rest.to_string(), tag)),
        }
    }
    numbered.sort_by_key(|(n, _, _)| *n);
    numbered
        .into_iter()
        .map(|(_, body, tag)| (body, tag))
        .chain(plain)
        .collect()
}

fn is_counter(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
}

/// The form of the message tags between Linux 6.12 and 6.18's
/// `bpf_misc.h`: `test_expect_msg=N=TEXT`, N being `__COUNTER__` (BTF keeps
/// decl tags in no particular order; the counter restores the source's).
/// Gives (N, `test_expect_msg=TEXT`).
fn counted_value(body: &str) -> Option<(u64, String)> {
    const COUNTED: &[&str] = &[
        "test_expect_msg",
        "test_expect_not_msg",
        "test_expect_msg_unpriv",
        "test_expect_not_msg_unpriv",
        "test_expect_xlated",
        "test_expect_xlated_unpriv",
        "test_jited",
        "test_jited_unpriv",
    ];
    let (key, value) = body.split_once('=')?;
    if !COUNTED.contains(&key) {
        return None;
    }
    let (n, text) = value.split_once('=')?;
    if !is_counter(n) {
        return None;
    }
    Some((n.parse().ok()?, format!("{key}={text}")))
}

/// The test of every program of an object, in libbpf's order.
pub fn specs(bytes: &[u8]) -> Result<Vec<TestSpec>, ElfError> {
    let programs: Vec<ProgramInfo> = elf::programs(bytes)?;
    if programs.is_empty() {
        return Err(ElfError::NoPrograms);
    }
    let tags: BTreeMap<String, Vec<String>> = elf::func_decl_tags(bytes)?;
    Ok(programs
        .iter()
        .map(|p| {
            TestSpec::from_tags(
                &p.name,
                &p.section,
                tags.get(&p.name).map(Vec::as_slice).unwrap_or(&[]),
            )
        })
        .collect())
}

/// Instruction budget of a test run by default. The kernel's test run has
/// no instruction budget, only a watchdog; the upstream selftests' longest
/// `bpf_repeat(1000000)` loop (`clean_live_states`) runs some 170,000,000
/// instructions.
pub const TEST_INSN_BUDGET: u64 = 1_000_000_000;

/// The world a test run sees by default: the default world over
/// [`TEST_DATA_LEN`] zero bytes, as the selftests' loader runs them.
pub fn test_world() -> WorldConfig {
    WorldConfig {
        packet: vec![0; TEST_DATA_LEN as usize],
        ..WorldConfig::default()
    }
}

/// How the tests run.
#[derive(Debug, Clone)]
pub struct TestOptions {
    /// The kernel whose verifier is simulated.
    pub kernel: KernelProfile,
    /// The world a `__retval` run sees (its packet, ...): by default
    /// [`test_world`].
    pub world: WorldConfig,
    /// Instruction budget of a run ([`TEST_INSN_BUDGET`] by default).
    pub insn_budget: u64,
    /// Load every program with `BPF_F_STRICT_ALIGNMENT`, whatever its
    /// `__flag`s say.
    pub strict_alignment: bool,
    /// The object file's path, when known: libbpf names global sections'
    /// maps after it, and the log prints those names
    /// ([`Program::set_object_file`]).
    pub object_file: Option<String>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            kernel: KernelProfile::default(),
            world: test_world(),
            insn_budget: TEST_INSN_BUDGET,
            strict_alignment: false,
            object_file: None,
        }
    }
}

/// What the verifier said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Got {
    /// Accepted.
    Success,
    /// Rejected, or the object loader refused the program.
    Failure,
}

/// The messages' check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MsgCheck {
    /// `__msg`s found, in order.
    pub matched: Vec<String>,
    /// `__msg`s not found (after the previous one's match).
    pub missing: Vec<String>,
    /// `__not_msg`s that were found.
    pub unexpected: Vec<String>,
}

/// The return value's check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RetvalCheck {
    /// `__retval`, if any.
    pub expected: Option<Retval>,
    /// r0's low 32 bits as an int, when the program ran and returned.
    pub got: Option<i32>,
    /// The run's fault, or why it did not return.
    pub fault: Option<String>,
}

/// The result of one test.
#[derive(Debug, Clone, Serialize)]
pub struct TestOutcome {
    /// The function name.
    pub name: String,
    /// `__description`.
    pub description: Option<String>,
    /// The ELF section.
    pub section: String,
    /// False for `SEC("?...")`.
    pub autoload: bool,
    /// The verifier's log level used (from `__log_level`).
    pub log_level: u32,
    /// What the annotations expect.
    pub expected: Expect,
    /// What happened.
    pub got: Got,
    /// `accepted`, `rejected`, or `load_error` (the object loader refused
    /// the program before the verifier saw it).
    pub verdict: &'static str,
    /// The verifier's error (or the loader's), on failure.
    pub message: Option<String>,
    /// The instruction of the verifier's error.
    pub insn: Option<usize>,
    /// The messages.
    pub messages: MsgCheck,
    /// The return value.
    pub retval: RetvalCheck,
    /// Tags not acted upon.
    pub ignored_tags: Vec<String>,
    /// Why the test failed, one reason each (empty when it passed).
    pub reasons: Vec<String>,
    /// True when everything matched.
    pub passed: bool,
    /// The verifier log the messages were looked for in.
    #[serde(skip)]
    pub log: String,
}

impl TestOutcome {
    /// The name a report shows: the description, else the function name.
    pub fn display_name(&self) -> &str {
        self.description.as_deref().unwrap_or(&self.name)
    }
}

/// Checks the messages against the log as the kernel's loader does: each
/// `__msg` is looked for from the end of the previous match; a `__not_msg`
/// must not appear between the matches of the `__msg`s around it.
pub fn check_msgs(log: &str, msgs: &[ExpectedMsg]) -> MsgCheck {
    let log = log.as_bytes();
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; msgs.len()];
    let mut check = MsgCheck::default();
    let mut pos = 0usize;
    for (i, m) in msgs.iter().enumerate() {
        if m.negative {
            continue;
        }
        match m.find(log, pos) {
            Some(span) => {
                spans[i] = Some(span);
                pos = span.1;
                check.matched.push(m.text.clone());
            }
            None => check.missing.push(m.text.clone()),
        }
    }
    let mut start = 0usize;
    for (i, m) in msgs.iter().enumerate() {
        if !m.negative {
            if let Some((_, end)) = spans[i] {
                start = end;
            }
            continue;
        }
        let end = msgs[i + 1..]
            .iter()
            .zip(&spans[i + 1..])
            .find(|(n, _)| !n.negative)
            .and_then(|(_, s)| s.map(|(s, _)| s))
            .unwrap_or(log.len());
        if m.find(log, start).is_some_and(|(_, e)| e <= end) {
            check.unexpected.push(m.text.clone());
        }
    }
    check
}

/// Verifies `prog` as libbpf would load it with the tag's log level.
fn verify(prog: &Program, spec: &TestSpec, opts: &TestOptions) -> Report {
    let level = match spec.log_level & 3 {
        3 => 2,
        l => l,
    };
    let vopts = |log_level| VerifierOptions {
        log_level,
        kernel: opts.kernel,
        record_states: false,
        strict_alignment: opts.strict_alignment || spec.prog_flags & BPF_F_STRICT_ALIGNMENT != 0,
        ..VerifierOptions::default()
    };
    let mut report = verifier::verify(prog, &vopts(level));
    if report.verdict == Verdict::Rejected && level == 0 {
        // libbpf loads at level 0 first and, on failure, again at level 1
        // to get the log.
        report = verifier::verify(prog, &vopts(1));
    } else if level == 0 && spec.log_level & 4 != 0 {
        // BPF_LOG_STATS alone: only the statistics.
        report.log = format!(
            "{}\n",
            report
                .stats
                .kernel_line(VerifierOptions::default().complexity_limit)
        );
    }
    report
}

/// Runs one test: loads the program alone, verifies it, checks the
/// verdict and the messages, and runs it when a return value is expected.
pub fn run_test(bytes: &[u8], spec: &TestSpec, opts: &TestOptions) -> TestOutcome {
    let mut out = TestOutcome {
        name: spec.name.clone(),
        description: spec.description.clone(),
        section: spec.section.clone(),
        autoload: spec.autoload(),
        log_level: spec.log_level,
        expected: spec.expect,
        got: Got::Failure,
        verdict: "load_error",
        message: None,
        insn: None,
        messages: MsgCheck::default(),
        retval: RetvalCheck {
            expected: spec.retval,
            ..RetvalCheck::default()
        },
        ignored_tags: spec.ignored.clone(),
        reasons: Vec::new(),
        passed: false,
        log: String::new(),
    };
    if let Some(e) = &spec.error {
        out.reasons.push(format!("bad annotation: {e}"));
        return out;
    }
    let prog = match elf::load_program(bytes, &spec.name) {
        Ok(mut p) => {
            if let Some(f) = &opts.object_file {
                p.set_object_file(f);
            }
            Some(p)
        }
        Err(e) => {
            // As bpf_object__load failing before the verifier: a load
            // failure whose log is the loader's error.
            out.message = Some(format!("object loader: {e}"));
            out.log = format!("{e}\n");
            None
        }
    };
    if let Some(prog) = &prog {
        let report = verify(prog, spec, opts);
        out.got = if report.accepted() {
            Got::Success
        } else {
            Got::Failure
        };
        out.verdict = if report.accepted() {
            "accepted"
        } else {
            "rejected"
        };
        out.message = report.message.clone();
        out.insn = report.insn;
        out.log = report.log;
    }
    match (spec.expect, out.got) {
        (Expect::Failure, Got::Success) => {
            out.reasons
                .push("expected the verifier to reject the program, but it accepted it".into());
            return out;
        }
        (Expect::Success, Got::Failure) => {
            let at = out
                .insn
                .map(|i| format!(" at insn {i}"))
                .unwrap_or_default();
            let what = if prog.is_some() {
                "the verifier rejected it"
            } else {
                "it did not load"
            };
            out.reasons.push(format!(
                "expected success, but {what}{at}: {}",
                out.message.as_deref().unwrap_or("(no message)")
            ));
            return out;
        }
        _ => {}
    }
    out.messages = check_msgs(&out.log, &spec.msgs);
    if let Some(m) = out.messages.missing.first() {
        let after = match out.messages.matched.last() {
            Some(prev) => format!(" after '{prev}'"),
            None => String::new(),
        };
        let n = out.messages.missing.len();
        let more = if n > 1 {
            format!(" (and {} more)", n - 1)
        } else {
            String::new()
        };
        out.reasons.push(format!(
            "message '{m}' not found in the verifier log{after}{more}"
        ));
    }
    for m in &out.messages.unexpected {
        out.reasons
            .push(format!("unexpected message '{m}' in the verifier log"));
    }
    if let (Some(expected), Some(prog), Expect::Success) = (spec.retval, &prog, spec.expect) {
        run_and_compare(prog, expected, opts, &mut out);
    }
    out.passed = out.reasons.is_empty();
    out
}

/// `BPF_PROG_TEST_RUN` in the simulated world; compares r0 with `__retval`.
fn run_and_compare(prog: &Program, expected: Retval, opts: &TestOptions, out: &mut TestOutcome) {
    let vm_opts = VmOptions {
        insn_budget: opts.insn_budget,
        unsafe_mode: false,
        allow_uninit_stack: opts.kernel.allow_uninit_stack(),
        packet_dynptr_data: opts.kernel.packet_dynptr_data(),
    };
    let result = Vm::with_config(prog, &opts.world, vm_opts)
        .map_err(|f| format!("the run cannot start: {f}"))
        .map(|mut vm| vm.run());
    match result {
        Err(e) => {
            out.retval.fault = Some(e.clone());
            out.reasons.push(e);
        }
        Ok(run) => match (run.r0, &run.fault) {
            (_, Some(f)) => {
                let e = format!("the run faulted: {f}");
                out.retval.fault = Some(e.clone());
                out.reasons.push(e);
            }
            (Some(r0), None) => {
                let got = r0 as u32 as i32;
                out.retval.got = Some(got);
                if let Retval::Value(want) = expected {
                    if got != want {
                        out.reasons
                            .push(format!("retval: expected {want}, got {got}"));
                    }
                }
            }
            (None, None) => {
                let e = format!(
                    "the run did not return within {} instructions",
                    opts.insn_budget
                );
                out.retval.fault = Some(e.clone());
                out.reasons.push(e);
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_every_supported_tag() {
        let spec = TestSpec::from_tags(
            "f",
            "?tc",
            &tags(&[
                "comment:test_expect_failure",
                "comment:test_expect_msg=one",
                "comment:test_expect_msg=two",
                "comment:test_log_level=2",
                "comment:test_description=a test",
                "comment:test_expect_xlated=r0 = 0",
                "other tag",
            ]),
        );
        assert_eq!(spec.expect, Expect::Failure);
        let msgs: Vec<&str> = spec.msgs.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(msgs, ["one", "two"]);
        assert_eq!(spec.log_level, 2);
        assert_eq!(spec.display_name(), "a test");
        assert!(!spec.autoload());
        assert_eq!(spec.ignored, ["comment:test_expect_xlated=r0 = 0"]);
        assert_eq!(spec.tags.len(), 6);
        assert!(spec.error.is_none());
    }

    #[test]
    fn prog_flags_by_name_number_and_clear() {
        let flags = |t: &[&str]| TestSpec::from_tags("f", "xdp", &tags(t));
        let s = flags(&["comment:test_prog_flags=BPF_F_STRICT_ALIGNMENT"]);
        assert_eq!(s.prog_flags, BPF_F_STRICT_ALIGNMENT);
        assert!(s.ignored.is_empty());
        assert_eq!(flags(&["comment:test_prog_flags=1"]).prog_flags, 1);
        assert_eq!(flags(&["comment:test_prog_flags=0x1"]).prog_flags, 1);
        let s = flags(&[
            "comment:test_prog_flags=BPF_F_STRICT_ALIGNMENT",
            "comment:test_prog_flags=!BPF_F_STRICT_ALIGNMENT",
        ]);
        assert_eq!(s.prog_flags, 0);
        // Known but not simulated: kept, and listed as ignored.
        let s = flags(&["comment:test_prog_flags=BPF_F_TEST_STATE_FREQ"]);
        assert_eq!(s.prog_flags, 8);
        assert_eq!(s.ignored, ["comment:test_prog_flags=BPF_F_TEST_STATE_FREQ"]);
        let s = flags(&["comment:test_prog_flags=BPF_F_NO_SUCH_FLAG"]);
        assert!(s.error.is_some_and(|e| e.contains("BPF_F_NO_SUCH_FLAG")));
    }

    #[test]
    fn numbered_tags_sort_by_number_not_by_text() {
        let spec = TestSpec::from_tags(
            "f",
            "tc",
            &tags(&[
                "comment:10:test_expect_msg=second",
                "comment:9:test_expect_msg=first",
                "comment:11:test_expect_success",
            ]),
        );
        let msgs: Vec<&str> = spec.msgs.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(msgs, ["first", "second"]);
        assert_eq!(spec.expect, Expect::Success);
    }

    #[test]
    fn counted_messages_of_6_12_to_6_18_sort_by_their_counter() {
        // `__msg("X")` as Linux 6.12-6.18's bpf_misc.h writes it, in the
        // order BTF happened to keep.
        let spec = TestSpec::from_tags(
            "f",
            "tc",
            &tags(&[
                "comment:test_expect_msg=12=R1 type=scalar expected=fp",
                "comment:test_expect_failure",
                "comment:test_expect_msg=3=first",
                "comment:test_expect_not_msg=7==not this",
            ]),
        );
        let msgs: Vec<(&str, bool)> = spec
            .msgs
            .iter()
            .map(|m| (m.text.as_str(), m.negative))
            .collect();
        assert_eq!(
            msgs,
            [
                ("first", false),
                ("=not this", true),
                ("R1 type=scalar expected=fp", false)
            ]
        );
        assert_eq!(spec.expect, Expect::Failure);
        assert!(spec.error.is_none());
        // A message that merely starts with digits keeps them.
        let spec = TestSpec::from_tags("f", "tc", &tags(&["comment:test_expect_msg=12 insns"]));
        assert_eq!(spec.msgs[0].text, "12 insns");
    }

    #[test]
    fn retval_forms() {
        assert_eq!(parse_retval("0"), Ok(Retval::Value(0)));
        assert_eq!(parse_retval("-22"), Ok(Retval::Value(-22)));
        assert_eq!(parse_retval("0x10"), Ok(Retval::Value(16)));
        assert_eq!(parse_retval("-0x10"), Ok(Retval::Value(-16)));
        assert_eq!(parse_retval("0xffffffff"), Ok(Retval::Value(-1)));
        assert_eq!(parse_retval("INT_MIN"), Ok(Retval::Value(i32::MIN)));
        assert_eq!(parse_retval("_INT_MIN"), Ok(Retval::Value(i32::MIN)));
        assert_eq!(parse_retval("INT_MAX"), Ok(Retval::Value(i32::MAX)));
        assert_eq!(parse_retval("TEST_DATA_LEN"), Ok(Retval::Value(64)));
        assert_eq!(parse_retval("POINTER_VALUE"), Ok(Retval::Any));
        assert_eq!(parse_retval("0xbadcafe"), Ok(Retval::Any));
        for bad in ["", "x", "0x", "12a", "0x1g", "4294967296", "-2147483649"] {
            assert!(parse_retval(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_annotations_are_spec_errors() {
        let spec = TestSpec::from_tags("f", "tc", &tags(&["comment:test_retval=abc"]));
        assert!(spec.error.as_deref().is_some_and(|e| e.contains("abc")));
        let spec = TestSpec::from_tags("f", "tc", &tags(&["comment:test_log_level=9"]));
        assert!(spec.error.is_some());
        let spec = TestSpec::from_tags("f", "tc", &tags(&["comment:test_expect_msg=a{{b"]));
        assert!(spec.error.as_deref().is_some_and(|e| e.contains("{{")));
    }

    fn msgs(list: &[(&str, bool)]) -> Vec<ExpectedMsg> {
        list.iter()
            .map(|(t, neg)| ExpectedMsg::new(t, *neg).expect("valid pattern"))
            .collect()
    }

    #[test]
    fn messages_match_in_order() {
        let log = "0: r1 = 1\n1: call 7\nR1 type=scalar expected=fp\nprocessed 2 insns\n";
        let c = check_msgs(log, &msgs(&[("call 7", false), ("expected=fp", false)]));
        assert_eq!(c.matched, ["call 7", "expected=fp"]);
        assert!(c.missing.is_empty());
        // Out of order: the second is looked for after the first's match.
        let c = check_msgs(log, &msgs(&[("expected=fp", false), ("call 7", false)]));
        assert_eq!(c.matched, ["expected=fp"]);
        assert_eq!(c.missing, ["call 7"]);
    }

    #[test]
    fn regex_parts_and_negative_messages() {
        let log = "R1 type=scalar expected=fp\nprocessed 12 insns\n";
        let c = check_msgs(log, &msgs(&[("processed {{[0-9]+}} insns", false)]));
        assert_eq!(c.matched.len(), 1);
        // `.` in the verbatim part is not a wildcard.
        let c = check_msgs(log, &msgs(&[("R1.type", false)]));
        assert_eq!(c.missing.len(), 1);
        // `.` in a regex does not cross lines.
        let c = check_msgs(log, &msgs(&[("fp{{.*}}processed", false)]));
        assert_eq!(c.missing.len(), 1);
        let c = check_msgs(
            log,
            &msgs(&[("R1", false), ("processed", true), ("expected", false)]),
        );
        assert!(c.unexpected.is_empty(), "{c:?}");
        let c = check_msgs(log, &msgs(&[("R1", false), ("processed", true)]));
        assert_eq!(c.unexpected, ["processed"]);
    }
}
