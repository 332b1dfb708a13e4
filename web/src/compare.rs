//! The compare view's model: a lesson written twice (the series' helpers
//! and upstream's kfuncs, in C or assembly) opened side by side, each half
//! verified under the kernel profile its gallery entry names and stepped
//! together: one Step, Step line, Back, Reset or Run drives both. Which
//! files pair up is data: `index.json`'s `pair` and `kernel` fields.

use std::collections::BTreeSet;
use std::rc::Rc;

use dynptr_play::program::ProgType;
use dynptr_play::verifier::KernelProfile;

use crate::engine::{Breakpoints, Engine};
use crate::examples;
use crate::state::{Action, State};

/// A step control of the compare view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareAction {
    /// One instruction on each side.
    Step,
    /// One C line (or one instruction, over calls) on each side.
    StepLine,
    /// Undo the last Step, Step line or Run of both sides.
    Back,
    /// Both back to the first instruction.
    Reset,
    /// Both to the end.
    Run,
}

/// One half of the comparison.
#[derive(Clone, PartialEq)]
pub struct Side {
    /// The gallery file.
    pub file: String,
    /// Its title in the gallery.
    pub title: String,
    /// The kernel profile it is verified under.
    pub kernel: KernelProfile,
    /// The program text (a C lesson: its disassembly).
    pub src: String,
    /// Its program type.
    pub prog_type: ProgType,
    /// Its verdict and session.
    pub engine: Rc<Engine>,
}

impl Side {
    /// Opens `file` as the page opens an example, then verifies it.
    fn open(file: &str) -> Result<Side, String> {
        let entry = examples::gallery()
            .into_iter()
            .find(|e| e.file == file)
            .ok_or_else(|| format!("no example {file}"))?;
        let mut st = State::blank();
        st.open_example(file);
        if st.example.as_deref() != Some(file) {
            return Err(format!("cannot open {file}"));
        }
        let kernel = entry
            .kernel
            .as_deref()
            .and_then(KernelProfile::from_name)
            .unwrap_or_default();
        let mut side = Side {
            file: file.to_string(),
            title: entry.title,
            kernel,
            src: st.src,
            prog_type: st.prog_type,
            engine: st.engine,
        };
        side.apply(&Action::Verify);
        Ok(side)
    }

    fn apply(&mut self, a: &Action) {
        let (e, _) = self.engine.apply(
            a,
            &self.src,
            self.prog_type,
            "",
            Breakpoints {
                asm: &BTreeSet::new(),
                c: &BTreeSet::new(),
            },
            self.kernel,
        );
        self.engine = Rc::new(e);
    }
}

/// Two sides stepped together.
#[derive(Clone, PartialEq)]
pub struct Compare {
    /// Left (the series' helpers when the index says so) and right.
    pub sides: [Side; 2],
    /// Step counts of both sides before each Step, Step line or Run, for Back.
    history: Vec<[u64; 2]>,
}

impl Compare {
    /// The example `file` and its pair; the `series` side on the left.
    pub fn open(file: &str) -> Result<Compare, String> {
        let entry = examples::gallery()
            .into_iter()
            .find(|e| e.file == file)
            .ok_or("open a lesson of the gallery that has a pair to compare")?;
        let pair = entry
            .pair
            .ok_or_else(|| format!("{file} has no pair in the gallery"))?;
        let a = Side::open(file)?;
        let b = Side::open(&pair)?;
        let sides = if a.kernel != KernelProfile::Series && b.kernel == KernelProfile::Series {
            [b, a]
        } else {
            [a, b]
        };
        Ok(Compare {
            sides,
            history: Vec::new(),
        })
    }

    /// Both sides after `a`.
    pub fn apply(&self, a: CompareAction) -> Compare {
        let mut next = self.clone();
        let steps = [self.sides[0].engine.steps(), self.sides[1].engine.steps()];
        match a {
            CompareAction::Step | CompareAction::StepLine | CompareAction::Run => {
                let act = match a {
                    CompareAction::Step => Action::Step,
                    CompareAction::StepLine => Action::StepLine,
                    _ => Action::Continue,
                };
                for s in &mut next.sides {
                    if !s.engine.has_session() || s.engine.exit_text().is_none() {
                        s.apply(&act);
                    }
                }
                next.history.push(steps);
            }
            CompareAction::Back => match next.history.pop() {
                Some(to) => {
                    for (s, n) in next.sides.iter_mut().zip(to) {
                        s.engine = Rc::new(s.engine.goto_steps(n));
                    }
                }
                None => {
                    for s in &mut next.sides {
                        s.apply(&Action::StepBack);
                    }
                }
            },
            CompareAction::Reset => {
                next.history.clear();
                for s in &mut next.sides {
                    s.apply(&Action::Reset);
                }
            }
        }
        next
    }

    /// True once either side runs.
    pub fn started(&self) -> bool {
        self.sides.iter().any(|s| s.engine.has_session())
    }

    /// True when Back has something to undo.
    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty() || self.sides.iter().any(|s| s.engine.steps() > 0)
    }
}
