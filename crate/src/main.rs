//! `dynptr-play`: the engine on the command line.
//!
//! ```text
//! dynptr-play verify prog.s [--log-level 2] [--json]   exit 0 accepted, 1 rejected, 2 bad input
//! dynptr-play run prog.s [--packet 45000054...] [--world world.json] [--json]
//!                  [--set NAME=VALUE]... [--pid TGID[:PID]]
//! dynptr-play run add.data                               conformance case: pass/fail
//! dynptr-play asm prog.s -o prog.bin                     raw bytecode (or hex on stdout)
//! dynptr-play disasm prog.o [--program name]             LLVM dialect listing
//! dynptr-play test a.o b.o [--kernel 6.18] [--prog name] [--packet HEX] [--json]
//!                                                        bpf_misc.h-style annotations
//! dynptr-play conformance-plugin <memory-hex>            bpf_conformance plugin protocol
//! ```
//!
//! Input files are recognised by content: an ELF object (`\x7fELF`), raw
//! bytecode (`.bin`), a conformance-suite `.data` file (`-- asm` / `-- raw`
//! sections), or assembly text in either dialect; `-` reads stdin.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use dynptr_play::conformance::{self, DataFile};
use dynptr_play::program::{ProgType, Program, MAX_INSNS};
use dynptr_play::verifier::{self, KernelProfile, Report, Verdict, VerifierOptions};
use dynptr_play::vm::{RunResult, Vm, VmOptions};
use dynptr_play::world::globals::{self, hex, GlobalTypes, GlobalValue};
use dynptr_play::world::{RecordState, World, WorldConfig};
use dynptr_play::{asm, check, elf, isa, selftest};

#[derive(Parser)]
#[command(
    name = "dynptr-play",
    version,
    about = "Assemble, verify and run BPF programs that use dynptrs"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Verify a program as the kernel would: exit 0 when accepted, 1 when rejected, 2 on bad input.
    Verify {
        #[command(flatten)]
        input: Input,
        /// 0: only the error, 1: the log of each path, 2: every instruction with its state.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=2))]
        log_level: u32,
        /// The kernel profile: the series' era (default) or Linux 6.18.
        /// `--wording upstream` is the old spelling of `--kernel 6.18`.
        #[arg(long, value_enum, alias = "wording", default_value_t = KernelArg::Series)]
        kernel: KernelArg,
        /// Print a JSON report (verdict, message, insn, line, log, explanation, stats, vars, paths, provenance).
        ///
        /// `paths` is the exploration tree (one entry per path walked);
        /// `provenance`, on a rejection, is the chain of instructions on the
        /// failing path that led to it, each `{insn, role, text}`, the last
        /// the rejected one. Roles: created, cloned, released, overwritten,
        /// acquired, slice, invalidated, unbounded, value, pointer, offset,
        /// scratched, callback, branch, ctx, rejected. The explanation
        /// numbers the same steps (①, ②, ...).
        #[arg(long)]
        json: bool,
        /// Verify as if loaded with BPF_F_STRICT_ALIGNMENT: every load and
        /// store must be aligned to its size (packet data counting from 2
        /// bytes past an aligned address), not only stack accesses and atomics.
        #[arg(long)]
        strict_alignment: bool,
    },
    /// Run a program in the VM over a simulated world (verifies it first unless --unsafe).
    ///
    /// Exit 0 when the program returns, 1 when it faults or the verifier
    /// rejects it, 2 on bad input.
    ///
    /// A conformance-suite `.data` file runs as the suite's plugin would: its
    /// `-- asm` (or `-- raw`) program with r1 pointing at its `-- mem` and r2
    /// holding the memory's length, unverified. With `-- result` (or `-- error`)
    /// it prints `pass: ...` or `fail: ...` and exits 1 on fail; an expected
    /// error passes with any refusal (assembly, invalid instruction) or fault.
    #[command(after_long_help = RUN_JSON_HELP)]
    Run {
        #[command(flatten)]
        input: Input,
        /// Set a global variable before the run, as a loader sets a
        /// skeleton's `bss`/`data`/`rodata` before loading (repeatable).
        /// VALUE: an integer (42, -1, 0x2a) that fits the variable's type,
        /// or a quoted string for a char array (--set 'comm="curl"').
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// The current task: what bpf_get_current_pid_tgid returns (TGID in
        /// the upper 32 bits, PID in the lower); PID defaults to TGID.
        #[arg(long, value_name = "TGID[:PID]", value_parser = parse_pid)]
        pid: Option<(u32, u32)>,
        /// The world as JSON (packet, fragments, seed, pid, maps...).
        #[arg(long)]
        world: Option<PathBuf>,
        /// Packet bytes in hex (overrides the world's packet).
        #[arg(long)]
        packet: Option<String>,
        /// Seed of bpf_get_prandom_u32.
        #[arg(long)]
        seed: Option<u64>,
        /// Instruction budget.
        #[arg(long, default_value_t = 1_000_000)]
        budget: u64,
        /// Run even when the verifier rejects the program, to see the fault it prevented.
        #[arg(long = "unsafe")]
        unsafe_mode: bool,
        /// The kernel profile whose verifier checks the program first.
        #[arg(long, value_enum, default_value_t = KernelArg::Series)]
        kernel: KernelArg,
        /// Verify as if loaded with BPF_F_STRICT_ALIGNMENT (see `verify`).
        #[arg(long)]
        strict_alignment: bool,
        /// Print every executed instruction.
        #[arg(long)]
        trace: bool,
        /// Check every step against the verifier's abstract states at its
        /// instruction, and report the steps outside them (escapes). Exit
        /// status 1 when there is one. With --unsafe, a rejected program
        /// runs and is checked against the states its walk reached.
        #[arg(long)]
        check_states: bool,
        /// Print the result as JSON (fields below, under --help).
        #[arg(long)]
        json: bool,
    },
    /// Assemble a program into raw bytecode.
    Asm {
        #[command(flatten)]
        input: Input,
        /// Output file (default: stdout as hex, one instruction a line).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a program (ELF object, bytecode or assembly) in the LLVM dialect.
    Disasm {
        #[command(flatten)]
        input: Input,
    },
    /// Test the programs of clang objects from their `bpf_misc.h`-style
    /// annotations (`__success`, `__failure`, `__msg`, `__retval`, ...), as
    /// the kernel selftests' test loader does.
    ///
    /// Every program is loaded on its own (also a `SEC("?...")` one),
    /// verified at its `__log_level`, its verdict and messages checked, and,
    /// with `__retval` and accepted, run over 64 zero bytes as the
    /// selftests' loader runs it (`--packet` and `--world` change it). Prints
    /// `ok    NAME` or `FAIL  NAME: why` per program, then `N passed, N
    /// failed`. Exit 0 when all pass, 1 when one fails, 2 on bad input (an
    /// unreadable file, not a BPF object, an object without annotations).
    #[command(after_long_help = TEST_JSON_HELP)]
    Test {
        /// Clang BPF objects (`clang -O2 -g -target bpf -c`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The kernel whose verifier is simulated: the series' era or Linux 6.18.
        #[arg(long, value_enum, default_value_t = KernelArg::Series)]
        kernel: KernelArg,
        /// Load every program with BPF_F_STRICT_ALIGNMENT, as if each had
        /// `__flag(BPF_F_STRICT_ALIGNMENT)` (which a test may also carry).
        #[arg(long)]
        strict_alignment: bool,
        /// Only the program with this function name (or description).
        #[arg(long)]
        prog: Option<String>,
        /// The world a `__retval` run sees, as JSON (as `run --world`).
        #[arg(long)]
        world: Option<PathBuf>,
        /// Packet bytes in hex for the runs (default: 64 zero bytes, the
        /// selftests' TEST_DATA_LEN; overrides the world's packet).
        #[arg(long)]
        packet: Option<String>,
        /// Instruction budget of each run.
        #[arg(long, default_value_t = selftest::TEST_INSN_BUDGET)]
        budget: u64,
        /// Print the results as JSON (fields below, under --help).
        #[arg(long)]
        json: bool,
    },
    /// Act as a plugin of the bpf_conformance suite: program bytes in hex on
    /// stdin, memory in hex as the argument, r0 printed in hex.
    ConformancePlugin {
        /// Memory contents in hex.
        #[arg(default_value = "")]
        memory: String,
        /// Options the suite passes through (ignored).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        rest: Vec<String>,
    },
}

#[derive(Args)]
struct Input {
    /// Program file: assembly (either dialect), an ELF object, raw bytecode (`.bin`) or a
    /// conformance-suite `.data` file; `-` for stdin.
    file: PathBuf,
    /// Which program of an ELF object (function or section name; default: the first).
    #[arg(long, visible_alias = "prog")]
    program: Option<String>,
    /// Program type for raw bytecode or assembly without a `.program` directive.
    #[arg(long = "type", value_enum)]
    prog_type: Option<ProgTypeArg>,
}

/// `--kernel`: the names of [`KernelProfile::name`].
#[derive(Clone, Copy, ValueEnum)]
enum KernelArg {
    /// The specification's era: v6.1/v6.2 plus the series.
    #[value(name = "series")]
    Series,
    /// Linux 6.18 (`upstream` is its old name).
    #[value(name = "6.18", alias = "upstream")]
    Linux6_18,
}

impl From<KernelArg> for KernelProfile {
    fn from(k: KernelArg) -> KernelProfile {
        match k {
            KernelArg::Series => KernelProfile::Series,
            KernelArg::Linux6_18 => KernelProfile::Linux6_18,
        }
    }
}

/// `--type`: the short names of `ProgType::name` (`cgroup_skb`, `raw_tp`),
/// the same as the `.program` directive's; clap's kebab-case also works.
#[derive(Clone, Copy, ValueEnum)]
enum ProgTypeArg {
    Xdp,
    Tc,
    #[value(name = "cgroup_skb", alias = "cgroup-skb")]
    CgroupSkb,
    Socket,
    #[value(name = "raw_tp", alias = "raw-tp")]
    RawTp,
    Tp,
    Syscall,
}

impl From<ProgTypeArg> for ProgType {
    fn from(t: ProgTypeArg) -> Self {
        match t {
            ProgTypeArg::Xdp => ProgType::Xdp,
            ProgTypeArg::Tc => ProgType::Tc,
            ProgTypeArg::CgroupSkb => ProgType::CgroupSkb,
            ProgTypeArg::Socket => ProgType::Socket,
            ProgTypeArg::RawTp => ProgType::RawTp,
            ProgTypeArg::Tp => ProgType::Tp,
            ProgTypeArg::Syscall => ProgType::Syscall,
        }
    }
}

/// `run --json`, as `run --help` shows it.
const RUN_JSON_HELP: &str = "\
--json prints one object:
  r0              the return value (null after a fault)
  fault           the fault's message, or null; fault_insn its instruction
  insns_executed  instructions executed
  globals         every global variable by name: integers as numbers, char
                  arrays as strings when printable, other arrays and structs
                  by their BTF type (arrays and objects); globals declared by
                  `.data` directives in assembly have only a size: numbers when
                  1, 2, 4 or 8 bytes, else hex
  ringbuf         every ring buffer record in reservation order: map, seq,
                  state (busy, committed or discarded), len, bytes (hex)
  packet          the packet's bytes after the run in hex (linear part, then
                  fragments), null for a program type without a packet
  trace_printk    the lines bpf_trace_printk printed
  globals_text    every global variable by name, printed as C by its BTF
                  type: `struct config { range = { lo = 1, hi = 9 }, ... }`,
                  \"abc\", [1, 2, 3], enums by name, pointers in hex
  snapshot        the VM's final picture (registers, frames, maps, dynptrs);
                  map entries carry key_text/value_text (printed by BTF
                  type), and registers, dynptrs, slices and frames'
                  slot_vars carry `var`, the C variable DWARF names there
  vars            the C variables DWARF describes: name, type_name, size,
                  func, func_start, param, locs (instruction ranges with a
                  stack offset or a register); empty for assembly
With --check-states, also:
  checked_steps   steps whose state was compared with the verifier's
  state_escapes   the first 100 steps outside every state the verifier had
                  at their instruction: step, insn, what (register or stack
                  slot, e.g. \"r3\", \"fp-8\", null when no state covers the
                  instruction), value (this run's), assumed (\"r3 <= 64\"),
                  message, compared_with (the states, as the log prints them)
  escapes_total   steps outside, in all
  states_exact    true when the verifier's walk for the check pruned only
                  on full containment; false when it had to fall back to the
                  kernel's pruning (dead registers, imprecise scalars not
                  compared)
For a conformance .data file: file, verdict (pass, fail or null), reason,
r0, fault (the fault, or why the program was refused), insns_executed,
expected_result, expected_error, mem (hex, after the run).";

/// `test --json`, as `test --help` shows it.
const TEST_JSON_HELP: &str = "\
--json prints one object: `programs`, one object per test, and `totals`
(`passed`, `failed`). A test's fields:
  file, name, description (or null), section, autoload (false for SEC(\"?...\"))
  log_level       from __log_level (0 when absent)
  expected        success or failure (__success / __failure)
  got             success or failure
  verdict         accepted, rejected, or load_error (the object loader
                  refused the program before the verifier)
  message, insn   the verifier's error and its instruction (null if accepted)
  messages        matched, missing: the __msg texts found and not found;
                  unexpected: the __not_msg texts found
  retval          expected (a number, \"POINTER_VALUE\" or null), got (r0 as
                  a 32-bit int, null when not run), fault
  ignored_tags    kernel test tags the playground does not act upon
  reasons         why the test failed (empty when it passed)
  passed          true or false";

/// `--pid TGID[:PID]`: (tgid, pid).
fn parse_pid(s: &str) -> Result<(u32, u32), String> {
    let num = |what: &str, t: &str| {
        t.trim().parse::<u32>().map_err(|_| {
            format!("expected TGID[:PID], two numbers of 0..=4294967295; the {what} is `{t}`")
        })
    };
    match s.split_once(':') {
        Some((tgid, pid)) => Ok((num("TGID", tgid)?, num("PID", pid)?)),
        None => {
            let tgid = num("TGID", s)?;
            Ok((tgid, tgid))
        }
    }
}

/// Largest input file the tool reads (bytes): far above any real program
/// (a program has at most `MAX_INSNS` slots), low enough not to exhaust memory.
const MAX_INPUT_BYTES: u64 = 64 << 20;

/// An error that ends the command with exit code 2.
struct Fatal(String);

/// Writes to stdout; a closed pipe (`| head`) is an error, not a panic.
fn emit(text: &str) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Fatal(format!("stdout: {e}")))
}

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.cmd) {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("dynptr-play: {msg}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cmd: Cmd) -> Result<ExitCode, Fatal> {
    match cmd {
        Cmd::Verify {
            input,
            log_level,
            kernel,
            json,
            strict_alignment,
        } => {
            let opts = VerifierOptions {
                log_level,
                kernel: kernel.into(),
                // The states are only printed in the JSON.
                record_states: json,
                strict_alignment,
                ..VerifierOptions::default()
            };
            verify_cmd(&input, &opts, json)
        }
        Cmd::Run {
            input,
            set,
            pid,
            world,
            packet,
            seed,
            budget,
            unsafe_mode,
            kernel,
            strict_alignment,
            trace,
            check_states,
            json,
        } => match load_source(&input)? {
            Source::Data(data) => {
                let not_here = [
                    ("--set", !set.is_empty()),
                    ("--pid", pid.is_some()),
                    ("--world", world.is_some()),
                    ("--packet", packet.is_some()),
                    ("--seed", seed.is_some()),
                    ("--trace", trace),
                    ("--strict-alignment", strict_alignment),
                    ("--check-states", check_states),
                ];
                if let Some((flag, _)) = not_here.iter().find(|(_, given)| *given) {
                    return Err(Fatal(format!(
                        "{}: {flag} does not apply to a conformance .data file \
                         (it runs on its `-- mem`)",
                        input.file.display()
                    )));
                }
                run_data_cmd(&input.file, &data, budget, json)
            }
            Source::Program(mut prog, types) => {
                for arg in &set {
                    let (name, value) =
                        globals::parse_assignment(arg).map_err(|e| format!("--set {e}"))?;
                    globals::set_initial(&mut prog, &types, &name, &value)
                        .map_err(|e| format!("--set {arg}: {e}"))?;
                }
                let mut cfg = world_config(world.as_deref(), packet.as_deref(), seed)?;
                if let Some((tgid, pid)) = pid {
                    cfg.tgid = tgid;
                    cfg.pid = pid;
                }
                let vopts = VerifierOptions {
                    log_level: 0,
                    kernel: kernel.into(),
                    record_states: false,
                    strict_alignment,
                    ..VerifierOptions::default()
                };
                run_cmd(
                    &prog,
                    &types,
                    cfg,
                    budget,
                    RunVerify {
                        opts: vopts,
                        unsafe_mode,
                        check_states,
                    },
                    trace,
                    json,
                )
            }
        },
        Cmd::Asm { input, output } => {
            let prog = load(&input)?;
            let bytes = isa::encode(&prog.insns);
            match output {
                Some(path) => {
                    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?
                }
                None => {
                    let mut out = String::new();
                    for chunk in bytes.chunks(8) {
                        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
                        out.push_str(&hex.join(" "));
                        out.push('\n');
                    }
                    emit(&out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Disasm { input } => {
            let prog = load(&input)?;
            emit(&asm::disassemble(&prog))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::ConformancePlugin { memory, rest: _ } => conformance_plugin(&memory),
        Cmd::Test {
            files,
            kernel,
            strict_alignment,
            prog,
            world,
            packet,
            budget,
            json,
        } => {
            let mut cfg = world_config(world.as_deref(), packet.as_deref(), None)?;
            if world.is_none() && packet.is_none() {
                cfg = selftest::test_world();
            }
            let opts = selftest::TestOptions {
                kernel: kernel.into(),
                world: cfg,
                insn_budget: budget,
                strict_alignment,
                object_file: None,
            };
            test_cmd(&files, opts, prog.as_deref(), json)
        }
    }
}

/// One test's result as `test --json` prints it.
#[derive(Serialize)]
struct TestJson<'a> {
    file: String,
    #[serde(flatten)]
    outcome: &'a selftest::TestOutcome,
}

/// `test --json`'s totals.
#[derive(Serialize)]
struct TestTotals {
    passed: usize,
    failed: usize,
}

/// `test --json`'s whole output.
#[derive(Serialize)]
struct TestRunJson<'a> {
    programs: Vec<TestJson<'a>>,
    totals: TestTotals,
}

/// Reads every object and its tests first, so that bad input stops the
/// command before any test runs.
fn test_cmd(
    files: &[PathBuf],
    opts: selftest::TestOptions,
    only: Option<&str>,
    json: bool,
) -> Result<ExitCode, Fatal> {
    let mut objects = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let bytes = read_input(path)?;
        if !bytes.starts_with(b"\x7fELF") {
            return Err(Fatal(format!(
                "{name}: not an ELF object (expected `clang -O2 -g -target bpf -c` output)"
            )));
        }
        let specs = selftest::specs(&bytes).map_err(|e| format!("{name}: {e}"))?;
        if !specs.iter().any(selftest::TestSpec::annotated) {
            return Err(Fatal(format!(
                "{name}: no program has test annotations (btf_decl_tag(\"comment:test_...\") \
                 on the function, as bpf_misc.h's __success, __failure, __msg; compile with -g)"
            )));
        }
        objects.push((name, bytes, specs));
    }
    if let Some(p) = only {
        let found = objects.iter().any(|(_, _, specs)| {
            specs
                .iter()
                .any(|s| s.name == p || s.description.as_deref() == Some(p))
        });
        if !found {
            let all: Vec<&str> = objects
                .iter()
                .flat_map(|(_, _, specs)| specs.iter().map(|s| s.name.as_str()))
                .collect();
            return Err(Fatal(format!(
                "--prog {p}: no such program (programs: {})",
                all.join(", ")
            )));
        }
    }
    let mut results = Vec::new();
    for (name, bytes, specs) in &objects {
        for spec in specs {
            if spec.auxiliary {
                continue;
            }
            if only.is_some_and(|p| spec.name != p && spec.description.as_deref() != Some(p)) {
                continue;
            }
            for tag in &spec.ignored {
                eprintln!(
                    "dynptr-play: {name}: {}: ignoring `{tag}` (not simulated)",
                    spec.name
                );
            }
            let opts = selftest::TestOptions {
                object_file: Some(name.clone()),
                ..opts.clone()
            };
            let outcome = selftest::run_test(bytes, spec, &opts);
            if !json {
                let line = if outcome.passed {
                    format!("ok    {}\n", outcome.display_name())
                } else {
                    format!(
                        "FAIL  {}: {}\n",
                        outcome.display_name(),
                        outcome.reasons.join("; ")
                    )
                };
                emit(&line)?;
            }
            results.push((name.clone(), outcome));
        }
    }
    let passed = results.iter().filter(|(_, o)| o.passed).count();
    let failed = results.len() - passed;
    if json {
        let out = TestRunJson {
            programs: results
                .iter()
                .map(|(file, outcome)| TestJson {
                    file: file.clone(),
                    outcome,
                })
                .collect(),
            totals: TestTotals { passed, failed },
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
    } else {
        emit(&format!("{passed} passed, {failed} failed\n"))?;
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What an input file holds.
enum Source {
    /// A program, with its globals' types (from BTF; empty for assembly).
    Program(Program, GlobalTypes),
    /// A conformance-suite case.
    Data(DataFile),
}

/// Reads the input file and turns it into a program (a `.data` file's
/// program for verify, asm and disasm).
fn load(input: &Input) -> Result<Program, Fatal> {
    match load_source(input)? {
        Source::Program(prog, _) => Ok(prog),
        Source::Data(data) => {
            let mut prog = data
                .program()
                .map_err(|e| format!("{}: {e}", input.file.display()))?;
            if let Some(t) = input.prog_type {
                prog.prog_type = t.into();
            }
            Ok(prog)
        }
    }
}

/// Reads the input file: a program, or a conformance `.data` case.
fn load_source(input: &Input) -> Result<Source, Fatal> {
    let bytes = read_input(&input.file)?;
    let name = input.file.display().to_string();
    let mut types = GlobalTypes::new();
    let mut prog = if bytes.starts_with(b"\x7fELF") {
        let prog = match &input.program {
            Some(p) => elf::load_program(&bytes, p).map_err(|e| format!("{name}: {e}"))?,
            None => elf::load(&bytes)
                .map_err(|e| format!("{name}: {e}"))?
                .into_iter()
                .next()
                .ok_or_else(|| format!("{name}: the object holds no program"))?,
        };
        types = elf::global_types(&bytes).map_err(|e| format!("{name}: {e}"))?;
        let mut prog = prog;
        prog.set_object_file(&name);
        prog
    } else if let Some(p) = &input.program {
        return Err(Fatal(format!(
            "{name}: --program {p} picks a program of an ELF object; this is not one"
        )));
    } else if input.file.extension().is_some_and(|e| e == "bin") {
        let insns = isa::decode(&bytes).map_err(|e| format!("{name}: {e}"))?;
        if insns.len() > MAX_INSNS {
            return Err(Fatal(format!(
                "{name}: {} instruction slots; the kernel loads at most {MAX_INSNS}",
                insns.len()
            )));
        }
        Program::from_insns("prog", ProgType::default(), insns)
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{name}: not UTF-8 text, an ELF object or a .bin file"))?;
        if conformance::looks_like_data_file(&text)
            || input.file.extension().is_some_and(|e| e == "data")
        {
            return conformance::parse(&text)
                .map(Source::Data)
                .map_err(|e| Fatal(format!("{name}: {e}")));
        }
        asm::assemble(&text).map_err(|e| format!("{name}: {e}"))?
    };
    if let Some(t) = input.prog_type {
        prog.prog_type = t.into();
    }
    Ok(Source::Program(prog, types))
}

/// The whole file (`-`: stdin), refusing more than [`MAX_INPUT_BYTES`].
fn read_input(path: &Path) -> Result<Vec<u8>, Fatal> {
    let what = path.display();
    let mut buf = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut buf))
    };
    read.map_err(|e| Fatal(format!("{what}: {e}")))?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(Fatal(format!(
            "{what}: larger than {MAX_INPUT_BYTES} bytes; expected a program"
        )));
    }
    Ok(buf)
}

/// Bytes from hex digits; white space anywhere is ignored.
fn parse_hex(s: &str) -> Result<Vec<u8>, Fatal> {
    let mut digits = Vec::new();
    for (pos, c) in s.chars().enumerate().filter(|(_, c)| !c.is_whitespace()) {
        let d = c.to_digit(16).ok_or_else(|| {
            Fatal(format!(
                "expected hex digits, found `{c}` at character {}",
                pos + 1
            ))
        })?;
        digits.push(d as u8);
    }
    if digits.len() % 2 != 0 {
        return Err(Fatal(format!(
            "expected an even number of hex digits (two a byte), found {}",
            digits.len()
        )));
    }
    Ok(digits
        .chunks(2)
        .map(|pair| pair.iter().fold(0u8, |acc, d| acc << 4 | d))
        .collect())
}

fn world_config(
    path: Option<&Path>,
    packet: Option<&str>,
    seed: Option<u64>,
) -> Result<WorldConfig, Fatal> {
    let mut cfg: WorldConfig = match path {
        Some(p) => {
            let text = String::from_utf8(read_input(p)?)
                .map_err(|_| format!("{}: not UTF-8 text", p.display()))?;
            serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a world description: {e}", p.display()))?
        }
        None => WorldConfig::default(),
    };
    if let Some(hex) = packet {
        cfg.packet = parse_hex(hex)?;
    }
    if let Some(seed) = seed {
        cfg.seed = seed;
    }
    Ok(cfg)
}

/// The JSON the `verify` command prints.
#[derive(Serialize)]
struct VerifyJson<'a> {
    verdict: &'static str,
    message: Option<&'a str>,
    insn: Option<usize>,
    line: Option<u32>,
    log: &'a str,
    explanation: Option<&'a str>,
    stats: &'a verifier::Stats,
    /// The C variables DWARF describes (empty for assembly).
    vars: &'a [dynptr_play::program::DebugVar],
    /// The exploration tree: every path the verifier walked.
    paths: &'a [verifier::vtree::VPath],
    /// The provenance chain of a rejection: `{insn, role, text}` per step.
    provenance: Vec<ProvJson<'a>>,
}

/// One step of `verify --json`'s `provenance`.
#[derive(Serialize)]
struct ProvJson<'a> {
    insn: usize,
    role: &'static str,
    text: &'a str,
}

fn verify_cmd(input: &Input, opts: &VerifierOptions, json: bool) -> Result<ExitCode, Fatal> {
    let prog = load(input)?;
    let report = verifier::verify(&prog, opts);
    let accepted = report.verdict == Verdict::Accepted;
    if json {
        let line = report.insn.and_then(|i| prog.line_of(i)).map(|l| l.line);
        let out = VerifyJson {
            verdict: if accepted { "accepted" } else { "rejected" },
            message: report.message.as_deref(),
            insn: report.insn,
            line,
            log: &report.log,
            explanation: report.explanation.as_deref(),
            stats: &report.stats,
            vars: &prog.vars,
            paths: &report.paths,
            provenance: report
                .provenance
                .iter()
                .map(|s| ProvJson {
                    insn: s.insn,
                    role: s.role.name(),
                    text: &s.text,
                })
                .collect(),
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
    } else {
        emit(&format_report(&prog, &report))?;
    }
    Ok(if accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The log, the verdict and the explanation, as `verify` prints them.
fn format_report(prog: &Program, report: &Report) -> String {
    let mut out = String::new();
    if !report.log.is_empty() {
        let _ = writeln!(out, "{}", report.log.trim_end());
    }
    match (&report.verdict, &report.message) {
        (Verdict::Accepted, _) => {
            let _ = writeln!(out, "verdict: accepted");
        }
        (Verdict::Rejected, msg) => {
            let at = match report.insn {
                Some(i) => match prog.line_of(i) {
                    Some(loc) => format!(" at insn {i} (line {})", loc.line),
                    None => format!(" at insn {i}"),
                },
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "verdict: rejected{at}: {}",
                msg.as_deref().unwrap_or("(no message)")
            );
            if let Some(expl) = &report.explanation {
                let _ = writeln!(out, "why: {expl}");
            }
        }
    }
    out
}

/// The JSON the `run` command prints.
#[derive(Serialize)]
struct RunJson<'a> {
    r0: Option<u64>,
    fault: Option<String>,
    fault_insn: Option<usize>,
    insns_executed: u64,
    globals: GlobalsJson,
    globals_text: TextsJson,
    ringbuf: Vec<RecordJson>,
    packet: Option<String>,
    trace_printk: &'a [String],
    snapshot: dynptr_play::vm::Snapshot,
    vars: &'a [dynptr_play::program::DebugVar],
    #[serde(skip_serializing_if = "Option::is_none")]
    checked_steps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_escapes: Option<&'a [dynptr_play::check::StateEscape]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    escapes_total: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    states_exact: Option<bool>,
}

/// How `run` verifies first.
struct RunVerify {
    opts: VerifierOptions,
    /// Run even when rejected.
    unsafe_mode: bool,
    /// Check every step against the verifier's states.
    check_states: bool,
}

/// Names and texts as a JSON object, in order.
struct TextsJson(Vec<(String, String)>);

impl Serialize for TextsJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Globals as a JSON object, in declaration order.
struct GlobalsJson(Vec<(String, GlobalValue)>);

impl Serialize for GlobalsJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One ring buffer record.
#[derive(Serialize)]
struct RecordJson {
    map: String,
    seq: u32,
    state: &'static str,
    len: u32,
    bytes: String,
}

/// Every ring buffer record, map by map, in reservation order.
fn ringbuf_json(world: &World) -> Vec<RecordJson> {
    let mut out = Vec::new();
    for m in &world.maps {
        let Some(rb) = m.ringbuf() else { continue };
        for r in &rb.records {
            out.push(RecordJson {
                map: m.def.name.clone(),
                seq: r.seq,
                state: match r.state {
                    RecordState::Reserved => "busy",
                    RecordState::Submitted | RecordState::Consumed => "committed",
                    RecordState::Discarded | RecordState::Skipped => "discarded",
                },
                len: r.len,
                bytes: hex(&rb.sample(r)),
            });
        }
    }
    out
}

/// The packet after the run: the linear part, then the fragments.
fn packet_json(world: &World) -> Option<String> {
    world.prog_type.has_packet().then(|| {
        let p = &world.packet;
        let mut bytes = p.linear().to_vec();
        for f in &p.frags {
            bytes.extend_from_slice(&f.bytes);
        }
        hex(&bytes)
    })
}

fn run_cmd(
    prog: &Program,
    types: &GlobalTypes,
    cfg: WorldConfig,
    budget: u64,
    verify: RunVerify,
    trace: bool,
    json: bool,
) -> Result<ExitCode, Fatal> {
    let RunVerify {
        opts,
        unsafe_mode,
        check_states,
    } = verify;
    // An unsafe run follows the series' VM rules unless states are checked
    // against a chosen kernel.
    let kernel = (!unsafe_mode || check_states).then_some(opts.kernel);
    let allow_uninit_stack = kernel.is_some_and(|k| k.allow_uninit_stack());
    let packet_dynptr_data = kernel.is_none_or(|k| k.packet_dynptr_data());
    let checker = if check_states {
        let (checker, report) = check::Checker::new(prog, &opts);
        if report.verdict == Verdict::Rejected && !unsafe_mode {
            return Ok(rejected(&report));
        }
        Some(checker)
    } else {
        if !unsafe_mode {
            let report = verifier::verify(prog, &opts);
            if report.verdict == Verdict::Rejected {
                return Ok(rejected(&report));
            }
        }
        None
    };
    let world = World::new(prog, &cfg)?;
    let mut vm = Vm::new(
        prog,
        world,
        VmOptions {
            insn_budget: budget,
            unsafe_mode,
            allow_uninit_stack,
            packet_dynptr_data,
        },
    )?;
    let mut checked_steps = 0u64;
    let mut escapes: Vec<check::StateEscape> = Vec::new();
    let mut escapes_total = 0u64;
    if trace || checker.is_some() {
        let listing = asm::format_insns(prog);
        loop {
            if vm.outcome() != dynptr_play::vm::StepOutcome::Running {
                break;
            }
            if trace {
                let pc = vm.pc();
                let text = listing
                    .get(pc)
                    .map_or("(outside the program)", String::as_str);
                let indent = "  ".repeat(vm.depth().saturating_sub(1));
                emit(&format!("{pc:>5}: {indent}{text}\n"))?;
            }
            if let Some(c) = &checker {
                checked_steps += 1;
                if let Some(e) = c.check(&vm) {
                    escapes_total += 1;
                    if trace {
                        emit(&format!("       escape: {}\n", e.message))?;
                    }
                    if escapes.len() < check::MAX_ESCAPES {
                        escapes.push(e);
                    }
                }
            }
            vm.step();
        }
    }
    let result: RunResult = vm.run();
    let code = if result.fault.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if json {
        let world = vm.world();
        let out = RunJson {
            r0: result.r0,
            fault: result.fault.as_ref().map(|f| f.to_string()),
            fault_insn: result.fault.as_ref().map(|f| f.insn),
            insns_executed: result.steps,
            globals: GlobalsJson(globals::global_values(world, types)),
            globals_text: TextsJson(dynptr_play::world::c_value::global_texts(world)),
            ringbuf: ringbuf_json(world),
            packet: packet_json(world),
            trace_printk: &result.output,
            snapshot: vm.snapshot(),
            vars: &prog.vars,
            checked_steps: checker.as_ref().map(|_| checked_steps),
            state_escapes: checker.as_ref().map(|_| escapes.as_slice()),
            escapes_total: checker.as_ref().map(|_| escapes_total),
            states_exact: checker.as_ref().map(|c| c.exact()),
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
    } else {
        let mut out = String::new();
        for line in &result.output {
            let _ = writeln!(out, "trace_printk: {line}");
        }
        let _ = match (&result.r0, &result.fault) {
            (_, Some(f)) => writeln!(out, "fault: {f}"),
            (Some(r0), None) => writeln!(
                out,
                "r0 = {r0} ({r0:#x}) after {} instructions",
                result.steps
            ),
            (None, None) => writeln!(out, "stopped after {} instructions", result.steps),
        };
        if let Some(c) = &checker {
            let _ = match escapes.first() {
                None => writeln!(
                    out,
                    "checked {checked_steps} steps against the verifier's states{}: no escape",
                    if c.exact() { "" } else { " (live registers only)" }
                ),
                Some(e) => writeln!(
                    out,
                    "escape at step {} (insn {}): {}\n{escapes_total} of {checked_steps} steps outside the verifier's states",
                    e.step, e.insn, e.message
                ),
            };
        }
        emit(&out)?;
    }
    Ok(if escapes_total > 0 {
        ExitCode::from(1)
    } else {
        code
    })
}

/// The verifier refused the program: say so, exit 1.
fn rejected(report: &verifier::Report) -> ExitCode {
    eprintln!(
        "dynptr-play: the verifier rejects the program{}: {} (use --unsafe to run it anyway)",
        report
            .insn
            .map(|i| format!(" at insn {i}"))
            .unwrap_or_default(),
        report.message.as_deref().unwrap_or("")
    );
    ExitCode::from(1)
}

/// The JSON `run` prints for a conformance `.data` file.
#[derive(Serialize)]
struct DataRunJson {
    file: String,
    verdict: Option<&'static str>,
    reason: Option<String>,
    r0: Option<u64>,
    fault: Option<String>,
    insns_executed: Option<u64>,
    expected_result: Option<u64>,
    expected_error: Option<String>,
    mem: String,
}

/// Runs a conformance case: exit 0 on pass (or, without an expectation,
/// when it returns), 1 on fail or fault.
fn run_data_cmd(path: &Path, data: &DataFile, budget: u64, json: bool) -> Result<ExitCode, Fatal> {
    let outcome = data.run(budget);
    let verdict = outcome.verdict();
    let passed = match &verdict {
        Some(conformance::Verdict::Pass(_)) => true,
        Some(conformance::Verdict::Fail(_)) => false,
        None => outcome.error().is_none(),
    };
    if json {
        let (word, reason) = match &verdict {
            Some(conformance::Verdict::Pass(r)) => (Some("pass"), Some(r.clone())),
            Some(conformance::Verdict::Fail(r)) => (Some("fail"), Some(r.clone())),
            None => (None, outcome.error()),
        };
        let out = DataRunJson {
            file: path.display().to_string(),
            verdict: word,
            reason,
            r0: outcome.r0(),
            fault: outcome.error(),
            insns_executed: outcome.run.as_ref().ok().map(|r| r.steps),
            expected_result: data.result,
            expected_error: data.error.clone(),
            mem: hex(&outcome.mem),
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
    } else {
        let steps = outcome
            .run
            .as_ref()
            .ok()
            .map(|r| format!(" ({} instructions executed)", r.steps))
            .unwrap_or_default();
        let line = match (&verdict, outcome.r0()) {
            (Some(conformance::Verdict::Pass(r)), _) => format!("pass: {r}{steps}"),
            (Some(conformance::Verdict::Fail(r)), _) => format!("fail: {r}{steps}"),
            (None, Some(r0)) => format!("r0 = {r0} ({r0:#x}){steps}"),
            (None, None) => outcome.error().unwrap_or_default(),
        };
        emit(&format!("{line}\n"))?;
    }
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn conformance_plugin(memory_hex: &str) -> Result<ExitCode, Fatal> {
    let text = String::from_utf8(read_input(Path::new("-"))?)
        .map_err(|_| Fatal("stdin: not hex text".into()))?;
    let code = parse_hex(&text)?;
    let insns = isa::decode(&code)?;
    let mut mem = parse_hex(memory_hex)?;
    match dynptr_play::vm::run_raw(&insns, &mut mem) {
        Ok(r0) => {
            emit(&format!("{r0:x}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(fault) => {
            eprintln!("{fault}");
            Ok(ExitCode::from(1))
        }
    }
}
