//! The page's link to the engine: assembling, verifying and stepping, and
//! the results the panels draw. Everything here calls `dynptr_play`; the
//! page itself never interprets BPF.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use dynptr_play::asm;
use dynptr_play::catalog::{self, FuncDef};
use dynptr_play::elf;
use dynptr_play::program::{ProgType, Program};

use crate::state::{Action, Notice};
use crate::view::ExecView;

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

fn next_generation() -> u64 {
    GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    })
}

/// An error in the program text, where the editor underlines it.
#[derive(Debug, Clone, PartialEq)]
pub struct SrcError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What was expected.
    pub message: String,
}

/// The programs of a loaded clang object, each disassembled.
#[derive(Clone)]
pub struct ElfObject {
    /// (name, type, disassembly) of each program.
    pub programs: Vec<(String, ProgType, String)>,
    /// The one in the editor.
    pub selected: usize,
}

/// What the engine knows about the current program.
pub struct Engine {
    generation: u64,
    /// The instruction whose verifier state the user asked to see.
    inspect: Option<usize>,
    /// The text or packet changed since the last Verify.
    pub stale: bool,
    /// The assembler's complaint, if any.
    pub asm_error: Option<SrcError>,
    /// The assembled program.
    program: Option<Rc<Program>>,
    /// The object file the text came from.
    elf: Option<Rc<ElfObject>>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine { generation: next_generation(), inspect: None, stale: false, asm_error: None, program: None, elf: None }
    }
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

impl Engine {
    /// The same results, marked as out of date with the text.
    pub fn edited(&self) -> Engine {
        Engine { stale: true, elf: self.elf.clone(), ..Engine::default() }
    }

    /// Assembles `src` as a program of type `prog_type` (the selector wins
    /// over the `.program` directive).
    fn assemble(src: &str, prog_type: ProgType) -> Result<Program, SrcError> {
        let mut p = asm::assemble(src).map_err(|e| SrcError {
            line: u32::try_from(e.line).unwrap_or(u32::MAX),
            col: u32::try_from(e.col).unwrap_or(u32::MAX),
            message: e.message,
        })?;
        p.prog_type = prog_type;
        Ok(p)
    }

    /// Runs a toolbar action; returns the new engine state and a message.
    pub fn apply(
        &self,
        action: &Action,
        src: &str,
        prog_type: ProgType,
        _packet_hex: &str,
        _breakpoints: &BTreeSet<u32>,
    ) -> (Engine, Option<Notice>) {
        let mut next = Engine { inspect: self.inspect, elf: self.elf.clone(), ..Engine::default() };
        if let Action::InspectInsn(i) = action {
            next.inspect = Some(*i);
            next.program = self.program.clone();
            return (next, None);
        }
        match Self::assemble(src, prog_type) {
            Err(e) => {
                let n = Notice { text: format!("line {}, column {}: {}", e.line, e.col, e.message), error: true };
                next.asm_error = Some(e);
                (next, Some(n))
            }
            Ok(p) => {
                let count = p.insns.len();
                next.program = Some(Rc::new(p));
                let what = match action {
                    Action::Verify => "the verifier",
                    _ => "the VM",
                };
                (next, Some(Notice { text: format!("Assembled {count} instruction slots; {what} has not landed in this build yet."), error: false }))
            }
        }
    }

    /// Loads a clang object: the disassembly of its first program, its type, and the engine state.
    pub fn load_elf(bytes: &[u8]) -> Result<(String, ProgType, Engine), String> {
        let progs = elf::load(bytes).map_err(|e| e.to_string())?;
        let programs: Vec<(String, ProgType, String)> =
            progs.iter().map(|p| (p.name.clone(), p.prog_type, asm::disassemble(p))).collect();
        let (_, t, text) = programs.first().cloned().ok_or_else(|| "the object holds no program".to_string())?;
        let engine = Engine { elf: Some(Rc::new(ElfObject { programs, selected: 0 })), ..Engine::default() };
        Ok((text, t, engine))
    }

    /// Picks another program of the loaded object.
    pub fn select_prog(&self, i: usize) -> Option<(String, ProgType, Engine)> {
        let obj = self.elf.as_ref()?;
        let (_, t, text) = obj.programs.get(i)?.clone();
        let mut o = (**obj).clone();
        o.selected = i;
        Some((text, t, Engine { elf: Some(Rc::new(o)), ..Engine::default() }))
    }

    /// The programs of a loaded object: (name, selected).
    pub fn elf_programs(&self) -> Vec<(String, bool)> {
        self.elf
            .as_ref()
            .map(|o| o.programs.iter().enumerate().map(|(i, p)| (p.0.clone(), i == o.selected)).collect())
            .unwrap_or_default()
    }

    /// True when the last Verify rejected the program (or it did not assemble).
    pub fn rejected(&self) -> bool {
        self.asm_error.is_some()
    }

    /// The line of the instruction the verifier rejected, with its message.
    pub fn rejection(&self) -> Option<(u32, String)> {
        None
    }

    /// The source line of the instruction about to execute.
    pub fn current_line(&self) -> Option<u32> {
        None
    }

    /// What the execution panels show at the current step.
    pub fn exec(&self) -> Option<Rc<ExecView>> {
        None
    }

    /// True once Step/Run/Continue started a session.
    pub fn has_session(&self) -> bool {
        false
    }

    /// The index of the instruction about to execute.
    pub fn pc(&self) -> Option<usize> {
        None
    }

    /// Steps executed so far.
    pub fn steps(&self) -> usize {
        0
    }

    /// How the run ended (`exit r0 = 2`, `fault at insn 7: ...`).
    pub fn exit_text(&self) -> Option<String> {
        None
    }

    /// `accepted` or `rejected: <message>`.
    pub fn verdict_text(&self) -> Option<String> {
        None
    }

    /// The verifier log, each line with the instruction it speaks of.
    pub fn log_lines(&self) -> Vec<(Option<usize>, String)> {
        Vec::new()
    }

    /// The instruction whose abstract state is shown.
    pub fn inspected(&self) -> Option<usize> {
        self.inspect
    }

    /// The explanation chain of a rejection.
    pub fn explanation(&self) -> Vec<String> {
        Vec::new()
    }

    /// The abstract state at the inspected instruction, as lines.
    pub fn inspected_state(&self) -> Option<(usize, Vec<String>)> {
        None
    }
}

/// The catalog entry a word of the editor names: a helper or kfunc name,
/// or a helper number after `call`.
pub fn doc_for(word: &str, after_call: bool) -> Option<&'static FuncDef> {
    if after_call {
        if let Ok(n) = word.parse::<u32>() {
            return catalog::helper(n);
        }
    }
    catalog::by_name(word)
}

/// True when `word` names a helper or kfunc.
pub fn is_func(word: &str) -> bool {
    word.starts_with("bpf_") && catalog::by_name(word).is_some()
}
