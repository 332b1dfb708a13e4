//! The checks before the walk: instruction encoding, subprograms
//! (`check_subprogs`: jumps stay inside their function, each function ends
//! with `exit` or `goto`), and the control-flow graph (`check_cfg`: no
//! unreachable instruction, no jump out of range, no recursion; loops are
//! allowed, as for a privileged loader, and bounded by the walk). It also
//! marks the prune points.

use super::env::{Env, VErr, VResult};
use super::explain::RejectKind;
use crate::isa::*;

/// Most passes of a dataflow analysis before it gives up (and assumes the
/// safe answer): loops converge in a few passes in practice.
pub(crate) const MAX_ROUNDS: usize = 64;

/// True when every edge of `succ` goes forward (no loop, no call to an
/// earlier subprogram): a dataflow pass in index order (forward problems)
/// or in reverse index order (backward ones) then settles in one round,
/// with no second round to confirm it.
pub(crate) fn forward_only(succ: &[Two<usize>]) -> bool {
    succ.iter()
        .enumerate()
        .all(|(i, s)| s.iter().all(|&w| w > i))
}

fn cfg_err(m: String) -> VErr {
    VErr::new(RejectKind::Cfg, m)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Fallthrough,
    Branch,
    Call,
}

/// At most two items without an allocation (an instruction has at most
/// two successors); the walks ask for them once per edge.
#[derive(Clone, Copy)]
pub(crate) struct Two<T: Copy> {
    items: [T; 2],
    len: u8,
}

impl<T: Copy> Two<T> {
    fn new(fill: T) -> Self {
        Two {
            items: [fill; 2],
            len: 0,
        }
    }

    fn push(&mut self, x: T) {
        if let Some(slot) = self.items.get_mut(self.len as usize) {
            *slot = x;
            self.len += 1;
        }
    }
}

impl<T: Copy> std::ops::Deref for Two<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items[..self.len as usize]
    }
}

impl Env<'_> {
    /// Encoding, subprograms, CFG and prune points.
    pub(crate) fn check_cfg(&mut self) -> VResult<()> {
        let n = self.insns.len();
        if n == 0 {
            return Err(cfg_err("empty program".into()));
        }
        if let Err(err) = validate(self.insns) {
            let (kind, m) = match err.clone() {
                IsaError::UnknownOpcode { code, .. } => {
                    (RejectKind::BadInsn, format!("unknown opcode {code:02x}"))
                }
                IsaError::TruncatedLdImm64(_) => {
                    (RejectKind::BadInsn, "invalid bpf_ld_imm64 insn".to_string())
                }
                IsaError::BadField { what, .. } => {
                    (RejectKind::BadInsn, format!("invalid insn: {what}"))
                }
                IsaError::BadLength(_) => {
                    (RejectKind::BadInsn, "invalid program length".to_string())
                }
            };
            let at = match err {
                IsaError::UnknownOpcode { idx, .. }
                | IsaError::BadField { idx, .. }
                | IsaError::TruncatedLdImm64(idx) => idx,
                IsaError::BadLength(_) => 0,
            };
            return Err(VErr::new(kind, m).at_insn(at));
        }
        self.add_subprogs()?;
        if self.log.level >= 2 && self.log.wants() {
            for (i, start) in self.subprog_starts.clone().into_iter().enumerate() {
                self.log.push(&format!("func#{i} @{start}\n"));
            }
        }
        self.check_subprogs()?;
        self.check_abnormal_return()?;
        self.walk_cfg()
    }

    fn add_subprogs(&mut self) -> VResult<()> {
        let n = self.insns.len() as i64;
        let mut starts: Vec<usize> = vec![0];
        for f in &self.prog.funcs {
            if f.start < self.insns.len() {
                starts.push(f.start);
            }
        }
        let mut i = 0;
        while i < self.insns.len() {
            let insn = self.insns[i];
            let target = i as i64 + insn.imm as i64 + 1;
            if insn.is_pseudo_call() || (insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC) {
                if target < 0 || target >= n {
                    return Err(cfg_err("call to invalid destination".into()).at_insn(i));
                }
                starts.push(target as usize);
            }
            i += if insn.is_ld_imm64() { 2 } else { 1 };
        }
        starts.sort_unstable();
        starts.dedup();
        self.subprog_starts = starts;
        Ok(())
    }

    /// `check_abnormal_return`: a legacy packet load may end the program
    /// from inside a subprogram, which the kernel allows only with BTF
    /// function info (the playground loads without it).
    fn check_abnormal_return(&self) -> VResult<()> {
        let n = self.insns.len();
        for (k, &start) in self.subprog_starts.iter().enumerate().skip(1) {
            let end = self.subprog_starts.get(k + 1).copied().unwrap_or(n);
            let has_ld_abs = self.insns[start..end.min(n)]
                .iter()
                .any(|i| i.class() == BPF_LD && matches!(i.mode(), BPF_ABS | BPF_IND));
            if has_ld_abs {
                return Err(cfg_err(
                    "LD_ABS is not allowed in subprogs without BTF".into(),
                ));
            }
        }
        Ok(())
    }

    fn check_subprogs(&self) -> VResult<()> {
        let n = self.insns.len();
        for (k, &start) in self.subprog_starts.iter().enumerate() {
            let end = self.subprog_starts.get(k + 1).copied().unwrap_or(n);
            let mut i = start;
            while i < end {
                let insn = self.insns[i];
                let cls = insn.class();
                if (cls == BPF_JMP || cls == BPF_JMP32) && !matches!(insn.op(), BPF_CALL | BPF_EXIT)
                {
                    let off = if cls == BPF_JMP32 && insn.op() == BPF_JA {
                        insn.imm as i64
                    } else {
                        insn.off as i64
                    };
                    let t = i as i64 + off + 1;
                    if t < start as i64 || t >= end as i64 {
                        return Err(
                            cfg_err(format!("jump out of range from insn {i} to {t}")).at_insn(i)
                        );
                    }
                }
                i += 1;
            }
            let last = self.insns[end - 1];
            let ok = last.is_exit()
                || (last.class() == BPF_JMP && last.op() == BPF_JA)
                || (last.class() == BPF_JMP32 && last.op() == BPF_JA);
            if !ok {
                return Err(cfg_err("last insn is not an exit or jmp".into()).at_insn(end - 1));
            }
        }
        Ok(())
    }

    fn successors(&self, t: usize) -> Two<(usize, i64, Edge)> {
        let insn = self.insns[t];
        let cls = insn.class();
        let mut out = Two::new((t, 0, Edge::Fallthrough));
        let next = t as i64 + 1;
        if cls != BPF_JMP && cls != BPF_JMP32 {
            out.push((t, next, Edge::Fallthrough));
            if insn.is_ld_imm64() && insn.src_reg == BPF_PSEUDO_FUNC {
                out.push((t, t as i64 + insn.imm as i64 + 1, Edge::Call));
            }
            return out;
        }
        match insn.op() {
            BPF_EXIT => {}
            BPF_CALL => {
                out.push((t, next, Edge::Fallthrough));
                if insn.src_reg == BPF_PSEUDO_CALL {
                    out.push((t, t as i64 + insn.imm as i64 + 1, Edge::Call));
                }
            }
            BPF_JA => {
                let off = if cls == BPF_JMP32 {
                    insn.imm as i64
                } else {
                    insn.off as i64
                };
                out.push((t, next + off, Edge::Branch));
            }
            _ => {
                out.push((t, next, Edge::Fallthrough));
                out.push((t, next + insn.off as i64, Edge::Branch));
            }
        }
        out
    }

    /// `check_cfg`: depth-first walk from insn 0.
    fn walk_cfg(&mut self) -> VResult<()> {
        let n = self.insns.len();
        // 0 unseen, 1 on the DFS stack, 2 done.
        let mut color = vec![0u8; n];
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        color[0] = 1;
        while let Some(&mut (t, ref mut k)) = stack.last_mut() {
            let succ = self.successors(t);
            if *k >= succ.len() {
                color[t] = 2;
                stack.pop();
                continue;
            }
            let (_, w, edge) = succ[*k];
            *k += 1;
            if w < 0 || w >= n as i64 {
                return Err(cfg_err(format!("jump out of range from insn {t} to {w}")).at_insn(t));
            }
            let w = w as usize;
            let insn = self.insns[t];
            // Prune points, as init_explored_state marks them.
            match edge {
                Edge::Branch => {
                    self.prune_points[w] = true;
                    if insn.op() != BPF_JA {
                        self.prune_points[t] = true;
                    } else if t + 1 < n {
                        self.prune_points[t + 1] = true;
                    }
                }
                Edge::Call => {
                    if insn.is_pseudo_call() {
                        self.prune_points[t] = true;
                    }
                }
                Edge::Fallthrough => {
                    if insn.is_call() {
                        self.prune_points[w] = true;
                    }
                }
            }
            match color[w] {
                0 => {
                    color[w] = 1;
                    stack.push((w, 0));
                }
                1 if edge == Edge::Call => {
                    return Err(cfg_err(format!("back-edge from insn {t} to {w}")).at_insn(t));
                }
                _ => {}
            }
        }
        for (i, insn) in self.insns.iter().enumerate() {
            if insn.is_kfunc_call() && self.is_iter_next_insn(i) {
                self.prune_points[i] = true;
            }
            if self.iterates_callbacks() && self.is_callback_call_insn(i) {
                self.prune_points[i] = true;
            }
        }
        if let Some(i) = color.iter().position(|&c| c == 0) {
            return Err(cfg_err(format!("unreachable insn {i}")).at_insn(i));
        }
        self.compute_liveness();
        self.compute_precision();
        Ok(())
    }
}

/// Registers an instruction reads and writes, as bit masks (r0 = bit 0).
fn uses_defs(insns: &[Insn], i: usize) -> (u16, u16) {
    let insn = insns[i];
    let (d, s) = (1u16 << (insn.dst_reg & 15), 1u16 << (insn.src_reg & 15));
    let args = |n: usize| -> u16 { ((1u16 << (n + 1)) - 1) & !1 };
    match insn.class() {
        BPF_ALU | BPF_ALU64 => match insn.op() {
            BPF_MOV if insn.src_bit() == BPF_X => (s, d),
            BPF_MOV => (0, d),
            _ if insn.src_bit() == BPF_X => (s | d, d),
            _ => (d, d),
        },
        BPF_LDX => (s, d),
        BPF_STX if insn.mode() == BPF_ATOMIC => {
            let mut u = s | d;
            let mut w = 0;
            if insn.imm == BPF_CMPXCHG {
                u |= 1;
                w |= 1;
            } else if insn.imm & BPF_FETCH != 0 {
                w |= s;
            }
            (u, w)
        }
        BPF_STX => (s | d, 0),
        BPF_ST => (d, 0),
        // ld_abs / ld_ind read the skb in r6 (and the offset register) and
        // leave r0 set, r1-r5 clobbered.
        BPF_LD if matches!(insn.mode(), BPF_ABS | BPF_IND) => {
            let off_reg = if insn.mode() == BPF_IND { s } else { 0 };
            ((1 << 6) | off_reg, 0x3f)
        }
        BPF_LD => (0, if insn.is_ld_imm64() { d } else { 0 }),
        BPF_JMP | BPF_JMP32 => match insn.op() {
            BPF_JA => (0, 0),
            BPF_EXIT => (1, 0),
            BPF_CALL => {
                let n = if insn.src_reg == BPF_PSEUDO_CALL {
                    5
                } else if insn.src_reg == BPF_PSEUDO_KFUNC_CALL {
                    crate::catalog::kfunc(insn.imm as u32).map_or(5, |f| f.proto.args.len())
                } else {
                    crate::catalog::helper(insn.imm as u32).map_or(5, |f| f.proto.args.len())
                };
                (args(n.min(5)), 0x3f)
            }
            _ if insn.src_bit() == BPF_X => (s | d, 0),
            _ => (d, 0),
        },
        _ => (0, 0),
    }
}

impl Env<'_> {
    /// Successors of `i` inside its function (calls step over the callee).
    pub(crate) fn flow_successors(&self, i: usize) -> Two<usize> {
        let n = self.insns.len();
        let mut out = Two::new(0);
        for &(_, w, e) in self.successors(i).iter() {
            if e != Edge::Call && w >= 0 && (w as usize) < n {
                out.push(w as usize);
            }
        }
        out
    }

    /// Static register liveness: `live_regs[i]` holds the registers that
    /// may be read at or after instruction `i` before being written. The
    /// kernel tracks this dynamically (read marks); pruning ignores dead
    /// registers either way.
    pub(crate) fn compute_liveness(&mut self) {
        let n = self.insns.len();
        let mut live = vec![0u16; n];
        let ud: Vec<(u16, u16)> = (0..n).map(|i| uses_defs(self.insns, i)).collect();
        let succ: Vec<Two<usize>> = (0..n).map(|i| self.flow_successors(i)).collect();
        let one_pass = forward_only(&succ);
        let mut changed = true;
        let mut rounds = 0;
        while changed && rounds < MAX_ROUNDS {
            changed = false;
            rounds += 1;
            for i in (0..n).rev() {
                let out = succ[i].iter().fold(0u16, |acc, &w| acc | live[w]);
                let (u, d) = ud[i];
                let v = u | (out & !d) | (1 << 10);
                if v != live[i] {
                    live[i] = v;
                    changed = true;
                }
            }
            if one_pass {
                changed = false;
            }
        }
        // Not settled (a pathological graph): everything live is always safe.
        self.live_regs = if changed { vec![0x7ff; n] } else { live };
    }
}
