//! Helpers that call back into the program: `bpf_loop` and
//! `bpf_dynptr_iterator`. The helper's C loop becomes a [`Driver`] kept in
//! the callback frame: each time the callback exits, the driver decides (as
//! the C code after `callback(...)` does) whether to call it again or to
//! return to the helper's caller, so every iteration is a frame the
//! interpreter steps through.

use super::dynptr_helpers::{adjust, Kern};
use super::mem::RegionKind;
use super::{FaultKind, FrameKind, Vm};

/// The state of a helper's loop over its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// The helper's name.
    pub helper: &'static str,
    /// The call instruction.
    pub call_pc: usize,
    /// First instruction of the callback.
    pub func: usize,
    /// `callback_ctx`.
    pub ctx: u64,
    /// Iterations started so far (the running one included).
    pub iteration: u64,
    /// What the previous iteration returned.
    pub last_ret: Option<u64>,
    /// Which helper's loop.
    pub kind: DriverKind,
}

/// The loop of one helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverKind {
    /// `bpf_loop(nr_loops, ...)`.
    Loop {
        /// `nr_loops`.
        nr_loops: u32,
    },
    /// `bpf_dynptr_iterator`: the kernel's `ptr_copy`.
    DynptrIter {
        /// Index of the kernel dynptr.
        copy: u32,
    },
}

impl Vm {
    /// The callback's first instruction from an `ARG_PTR_TO_FUNC` argument.
    pub(crate) fn func_arg(
        &self,
        helper: &'static str,
        arg: u8,
        v: u64,
    ) -> Result<usize, FaultKind> {
        match self.regions.decode(v) {
            Some((RegionKind::Func, off)) if off >= 0 => Ok(off as usize),
            _ => Err(FaultKind::BadHelperArg {
                helper: helper.to_string(),
                arg,
                what: format!(
                    "{v:#x} is not a function (load it with ld_imm64 of a BPF_PSEUDO_FUNC)"
                ),
            }),
        }
    }

    fn callback_args(&self, d: &Driver) -> Result<[u64; 2], FaultKind> {
        Ok(match d.kind {
            DriverKind::Loop { .. } => [d.iteration, d.ctx],
            // The kernel's copy lives in its own region; r1 points at it.
            DriverKind::DynptrIter { copy } => [self.kdynptr_ptr(copy)?, d.ctx],
        })
    }

    pub(crate) fn kdynptr_ptr(&self, id: u32) -> Result<u64, FaultKind> {
        self.kdynptr_ptrs
            .get(id as usize)
            .copied()
            .ok_or(FaultKind::TooManyRegions)
    }

    /// Pushes the first callback frame of a helper.
    pub(super) fn start_callback(&mut self, driver: Driver) -> Result<(), FaultKind> {
        self.enter_callback(driver)
    }

    fn enter_callback(&mut self, driver: Driver) -> Result<(), FaultKind> {
        let [a1, a2] = self.callback_args(&driver)?;
        let func = driver.func;
        let call_pc = driver.call_pc;
        self.push_frame(func, call_pc, FrameKind::Callback(driver))?;
        self.set_reg(1, a1);
        self.set_reg(2, a2);
        // Both helpers call `callback(a1, a2, 0, 0, 0)`.
        for r in 3..=5 {
            self.set_reg(r, 0);
        }
        self.init[0] = false;
        self.pc = func;
        Ok(())
    }

    /// The callback frame exited with `ret`: continue the helper's loop.
    pub(super) fn callback_returned(&mut self, mut d: Driver, ret: u64) -> Result<(), FaultKind> {
        let _ = self.pop_frame();
        d.last_ret = Some(ret);
        let finish = match d.kind {
            DriverKind::Loop { nr_loops } => {
                // The verifier holds the callback's return to [0, 1].
                if ret > 1 {
                    return Err(FaultKind::CallbackReturn {
                        helper: d.helper.to_string(),
                        value: ret,
                        range: "[0, 1]".to_string(),
                    });
                }
                let i = d.iteration;
                if ret != 0 {
                    Some(i + 1)
                } else if i + 1 < nr_loops as u64 {
                    None
                } else {
                    Some(nr_loops as u64)
                }
            }
            DriverKind::DynptrIter { copy } => {
                // `int nr_bytes = callback(...)`: the value is truncated to int.
                let nr_bytes = ret as i32;
                if nr_bytes <= 0 {
                    Some(nr_bytes as i64 as u64)
                } else {
                    let mut k = self.kdynptr(copy)?;
                    let err = adjust(&mut k, nr_bytes as u32, nr_bytes as u32);
                    self.set_kdynptr(copy, k);
                    if err != 0 {
                        Some(err as u64)
                    } else if k.size_raw > 0 {
                        // `while (ptr_copy.size > 0)` tests the raw size word,
                        // type bits included, as the specification's C does.
                        None
                    } else {
                        Some(0)
                    }
                }
            }
        };
        match finish {
            Some(v) => {
                if let DriverKind::DynptrIter { copy } = d.kind {
                    self.free_kdynptr(copy);
                }
                self.pc = d.call_pc + 1;
                self.helper_returned(v);
                Ok(())
            }
            None => {
                d.iteration += 1;
                self.enter_callback(d)
            }
        }
    }

    /// A new kernel-held dynptr with the given contents; its index.
    pub(crate) fn alloc_kdynptr(&mut self, k: Kern) -> Result<u32, FaultKind> {
        let id = self.kdynptrs.len() as u32;
        self.kdynptrs.push(super::KernelDynptr {
            bytes: k.to_bytes(),
            alive: true,
        });
        let p = self.regions.ptr(RegionKind::KernelDynptr { id }, 0)?;
        self.kdynptr_ptrs.push(p);
        Ok(id)
    }

    fn kdynptr(&self, id: u32) -> Result<Kern, FaultKind> {
        self.kdynptrs
            .get(id as usize)
            .map(|k| Kern::from_bytes(&k.bytes))
            .ok_or(FaultKind::TooManyRegions)
    }

    fn set_kdynptr(&mut self, id: u32, k: Kern) {
        if let Some(slot) = self.kdynptrs.get_mut(id as usize) {
            slot.bytes = k.to_bytes();
        }
    }

    fn free_kdynptr(&mut self, id: u32) {
        if let Some(slot) = self.kdynptrs.get_mut(id as usize) {
            slot.alive = false;
        }
    }
}
