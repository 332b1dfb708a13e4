//! The verifier log in the kernel's format: instructions as
//! `print_bpf_insn` prints them (`0: (b7) r1 = 0`), the state after an
//! instruction aligned after `;`, `from 3 to 5:` headers at level 2, and
//! the closing statistics line. At level 1 the kernel keeps only the path
//! that is being explored (the log is rewound when a path completes); this
//! log does the same.

use super::env::Env;
use super::reg_state::BpfRegType;
use crate::catalog;
use crate::isa::*;
use crate::program::Program;

/// The log buffer and the bookkeeping `print_insn_state` needs.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// 0 (off), 1 (the failing path), 2 (everything).
    pub level: u32,
    /// The text.
    pub buf: String,
    prev_log_len: usize,
    prev_insn_print_len: usize,
}

/// Largest log kept (the kernel's buffer is user-sized; 16 MiB is the max).
const MAX_LOG: usize = 16 << 20;

impl Log {
    /// A log at `level`.
    pub fn new(level: u32) -> Self {
        Log {
            level,
            ..Default::default()
        }
    }

    /// Appends text (when logging is on).
    pub fn push(&mut self, s: &str) {
        if self.level > 0 && self.buf.len() < MAX_LOG {
            self.buf.push_str(s);
        }
    }

    /// True when text pushed now would be kept: logging is on and the
    /// buffer is not full (callers skip formatting otherwise).
    pub fn wants(&self) -> bool {
        self.level > 0 && self.buf.len() < MAX_LOG
    }

    /// Appends the closing lines (the error, the statistics) even to a
    /// full buffer, so that a log that hit the cap still ends with them.
    pub fn push_final(&mut self, s: &str) {
        if self.level > 0 {
            self.buf.push_str(s);
        }
    }

    /// Appends an instruction line, remembering where it is so the state
    /// printed right after can be put on the same line.
    pub fn begin_insn(&mut self, line: &str) {
        let start = self.buf.len();
        self.push(line);
        self.prev_insn_print_len = self.buf.len() - start;
        self.prev_log_len = self.buf.len();
    }

    /// Rewinds to `pos` (`bpf_vlog_reset`).
    pub fn truncate(&mut self, pos: usize) {
        if pos <= self.buf.len() {
            self.buf.truncate(pos);
        }
        self.prev_log_len = 0;
    }
}

impl Env<'_> {
    /// `verbose_linfo`: the C line instruction `idx` belongs to, after
    /// `prefix`, unless it is the line printed last. The era's kernel prints
    /// the line's text (`; if (!ip)`); today's adds the file's base name and
    /// the line number (`; if (!ip) @ packet.c:25`).
    pub fn verbose_linfo(&mut self, idx: usize, prefix: &str) {
        if !self.log.wants() {
            return;
        }
        let k = self.prog.line_info.partition_point(|l| l.insn <= idx);
        let Some(k) = k.checked_sub(1) else { return };
        if self.prev_linfo == Some(k) {
            return;
        }
        let Some(l) = self.prog.line_info.get(k) else {
            return;
        };
        // Today's kernel also skips a record for the line printed last (the
        // same file and line, another column): the log shows no columns.
        if self.opts.kernel.linfo_names_file() {
            let prev = self.prev_linfo.and_then(|p| self.prog.line_info.get(p));
            if prev.is_some_and(|p| p.file == l.file && p.line == l.line) {
                return;
            }
        }
        let text = l.text.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let line = if self.opts.kernel.linfo_names_file() {
            let base = l.file.rsplit('/').next().unwrap_or(&l.file);
            format!("{prefix}{text} @ {base}:{}\n", l.line)
        } else {
            format!("{prefix}{text}\n")
        };
        self.log.push(&line);
        self.prev_linfo = Some(k);
    }
}

/// `vlog_alignment`.
fn vlog_alignment(pos: usize) -> usize {
    let x = (pos + 4).max(40);
    x.div_ceil(8) * 8 - pos - 1
}

fn ldst_size(size: u8) -> &'static str {
    match size {
        BPF_W => "u32",
        BPF_H => "u16",
        BPF_B => "u8",
        _ => "u64",
    }
}

fn jmp_string(op: u8) -> &'static str {
    match op {
        BPF_JEQ => "==",
        BPF_JGT => ">",
        BPF_JLT => "<",
        BPF_JGE => ">=",
        BPF_JLE => "<=",
        BPF_JSET => "&",
        BPF_JNE => "!=",
        BPF_JSGT => "s>",
        BPF_JSLT => "s<",
        BPF_JSGE => "s>=",
        BPF_JSLE => "s<=",
        _ => "?",
    }
}

/// The fake kernel address the log shows for map `idx` (the kernel prints
/// the `struct bpf_map *` for privileged users).
pub fn map_address(idx: u32) -> u64 {
    0xffff_8881_0000_0000 | ((idx as u64) << 16)
}

/// One instruction as the kernel's `print_bpf_insn` prints it, without
/// the `N: ` prefix: `(bf) r2 = r10`, `(85) call bpf_dynptr_read#201`.
pub fn kernel_insn_str(prog: &Program, idx: usize) -> String {
    let Some(&insn) = prog.insns.get(idx) else {
        return String::from("(??)");
    };
    let code = insn.code;
    let (d, s) = (insn.dst_reg, insn.src_reg);
    match insn.class() {
        BPF_ALU | BPF_ALU64 => {
            let c = if insn.class() == BPF_ALU64 { 'r' } else { 'w' };
            match insn.op() {
                BPF_END => format!(
                    "({:02x}) r{} = {}{} r{}",
                    code,
                    d,
                    if insn.src_bit() == BPF_TO_BE {
                        "be"
                    } else {
                        "le"
                    },
                    insn.imm,
                    d
                ),
                BPF_NEG => format!("({code:02x}) {c}{d} = -{c}{d}"),
                op => {
                    let opstr = super::alu::alu_string(op);
                    if insn.src_bit() == BPF_X {
                        if op == BPF_MOV && insn.off != 0 {
                            format!("({:02x}) {}{} = (s{}){}{}", code, c, d, insn.off, c, s)
                        } else {
                            format!("({code:02x}) {c}{d} {opstr} {c}{s}")
                        }
                    } else {
                        format!("({:02x}) {}{} {} {}", code, c, d, opstr, insn.imm)
                    }
                }
            }
        }
        BPF_STX if insn.mode() == BPF_ATOMIC => {
            let sz = ldst_size(insn.size());
            let a = if insn.size() == BPF_DW {
                "atomic64"
            } else {
                "atomic"
            };
            let base = insn.imm & !BPF_FETCH;
            let opname = match base {
                0x00 => "add",
                0x40 => "or",
                0x50 => "and",
                0xa0 => "xor",
                _ => "",
            };
            if insn.imm == BPF_XCHG {
                format!(
                    "({:02x}) r{} = {}_xchg(({} *)(r{} {:+}), r{})",
                    code, s, a, sz, d, insn.off, s
                )
            } else if insn.imm == BPF_CMPXCHG {
                format!(
                    "({:02x}) r0 = {}_cmpxchg(({} *)(r{} {:+}), r0, r{})",
                    code, a, sz, d, insn.off, s
                )
            } else if insn.imm & BPF_FETCH != 0 {
                format!(
                    "({:02x}) r{} = {}_fetch_{}(({} *)(r{} {:+}), r{})",
                    code, s, a, opname, sz, d, insn.off, s
                )
            } else {
                let sym = match base {
                    0x40 => "|=",
                    0x50 => "&=",
                    0xa0 => "^=",
                    _ => "+=",
                };
                format!(
                    "({:02x}) lock *({} *)(r{} {:+}) {} r{}",
                    code, sz, d, insn.off, sym, s
                )
            }
        }
        BPF_STX => format!(
            "({:02x}) *({} *)(r{} {:+}) = r{}",
            code,
            ldst_size(insn.size()),
            d,
            insn.off,
            s
        ),
        BPF_ST => format!(
            "({:02x}) *({} *)(r{} {:+}) = {}",
            code,
            ldst_size(insn.size()),
            d,
            insn.off,
            insn.imm
        ),
        BPF_LDX => {
            let sx = if insn.mode() == BPF_MEMSX { "s" } else { "" };
            format!(
                "({:02x}) r{} = *({}{} *)(r{} {:+})",
                code,
                d,
                sx,
                ldst_size(insn.size()),
                s,
                insn.off
            )
        }
        BPF_LD if insn.mode() == BPF_ABS => format!(
            "({code:02x}) r0 = *({} *)skb[{}]",
            ldst_size(insn.size()),
            insn.imm
        ),
        BPF_LD if insn.mode() == BPF_IND => format!(
            "({code:02x}) r0 = *({} *)skb[r{} + {}]",
            ldst_size(insn.size()),
            s,
            insn.imm
        ),
        BPF_LD => {
            if !insn.is_ld_imm64() {
                return format!("({code:02x}) BUG_ld_{code:02x}");
            }
            let hi = prog.insns.get(idx + 1).copied().unwrap_or_default();
            let imm = ld_imm64_value(insn, hi);
            let shown = match insn.src_reg {
                BPF_PSEUDO_MAP_FD | BPF_PSEUDO_MAP_IDX => map_address(insn.imm as u32),
                BPF_PSEUDO_MAP_VALUE | BPF_PSEUDO_MAP_IDX_VALUE => {
                    map_address(insn.imm as u32).wrapping_add(0x100 + hi.imm as u32 as u64)
                }
                _ => imm,
            };
            format!("({code:02x}) r{d} = {shown:#x}")
        }
        BPF_JMP | BPF_JMP32 => {
            let c = if insn.class() == BPF_JMP { 'r' } else { 'w' };
            match insn.op() {
                BPF_CALL => {
                    if insn.src_reg == BPF_PSEUDO_CALL {
                        format!("({:02x}) call pc{:+}", code, insn.imm)
                    } else if insn.src_reg == BPF_PSEUDO_KFUNC_CALL {
                        let name = catalog::kfunc(insn.imm as u32).map_or("unknown", |f| f.name);
                        format!("({:02x}) call {}#{}", code, name, insn.imm)
                    } else {
                        let name = catalog::helper(insn.imm as u32).map_or("unknown", |f| f.name);
                        format!("({:02x}) call {}#{}", code, name, insn.imm)
                    }
                }
                BPF_EXIT => format!("({code:02x}) exit"),
                BPF_JA => {
                    if insn.class() == BPF_JMP32 {
                        format!("({:02x}) gotol pc{:+}", code, insn.imm)
                    } else {
                        format!("({:02x}) goto pc{:+}", code, insn.off)
                    }
                }
                op => {
                    if insn.src_bit() == BPF_X {
                        format!(
                            "({:02x}) if {}{} {} {}{} goto pc{:+}",
                            code,
                            c,
                            d,
                            jmp_string(op),
                            c,
                            s,
                            insn.off
                        )
                    } else {
                        format!(
                            "({:02x}) if {}{} {} {:#x} goto pc{:+}",
                            code,
                            c,
                            d,
                            jmp_string(op),
                            insn.imm as u32,
                            insn.off
                        )
                    }
                }
            }
        }
        _ => format!("({code:02x}) unknown"),
    }
}

impl Env<'_> {
    /// `print_verifier_state` for the innermost frame: all registers and
    /// slots, or only those touched since the last print.
    pub(crate) fn state_str(&mut self, print_all: bool) -> String {
        let fi = self.cur.curframe();
        self.state_str_of(fi, print_all)
    }

    /// Every register and slot of frame `fi` (as after `caller:`/`callee:`).
    pub(crate) fn frame_str(&mut self, fi: usize) -> String {
        self.state_str_of(fi, true)
    }

    fn state_str_of(&mut self, fi: usize, print_all: bool) -> String {
        let mut s = String::new();
        let Some(f) = self.cur.frames.get(fi) else {
            return s;
        };
        if f.frameno > 0 {
            s.push_str(&format!(" frame{}:", f.frameno));
        }
        for (i, r) in f.regs.iter().enumerate() {
            if r.typ == BpfRegType::NotInit {
                continue;
            }
            if !print_all && self.scratched_regs & (1 << i) == 0 {
                continue;
            }
            if self.opts.kernel.log_today() {
                let m = self.map_info(r);
                let ms = m.as_ref().map(|(n, k, v)| (n.as_str(), *k, *v));
                s.push_str(&format!(
                    " R{}={}",
                    i,
                    super::log_upstream::reg_str(r, ms, f.frameno)
                ));
                continue;
            }
            let live = if r.live_written { "_w" } else { "" };
            let kv = match r.typ {
                BpfRegType::ConstPtrToMap | BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey => {
                    self.prog
                        .maps
                        .get(r.map_idx as usize)
                        .map(|m| (m.key_size, m.value_size))
                }
                _ => None,
            };
            s.push_str(&format!(" R{}{}={}", i, live, r.log_str(kv)));
        }
        let mut spi = 0;
        while let Some(slot) = f.stack.get(spi) {
            if slot.is_invalid()
                || (!print_all && self.scratched_stack & (1u64 << (spi as u64 & 63)) == 0)
            {
                spi += 1;
                continue;
            }
            if self.opts.kernel.log_today() {
                let map_of = |r: &super::reg_state::RegState| self.map_info(r);
                // As the kernel walks the slots: a dynptr's second slot (the
                // one nearer fp) prints the dynptr from its first, and the
                // walk goes on past both.
                let at = if slot.slot_type[7] == super::stack::SlotType::Dynptr {
                    spi + 1
                } else {
                    spi
                };
                if let Some(t) = super::log_upstream::slot_str(&f.stack, at, &map_of, f.frameno) {
                    s.push_str(&format!(" {t}"));
                }
                spi = at + 1;
                continue;
            }
            let live = if slot.spilled_ptr.live_written {
                "_w"
            } else {
                ""
            };
            s.push_str(&format!(
                " fp{}{}={}",
                -((spi as i64 + 1) * 8),
                live,
                slot.log_str()
            ));
            spi += 1;
        }
        let ids: Vec<String> = f.refs.iter().map(|r| r.id.to_string()).collect();
        if !ids.is_empty() {
            s.push_str(&format!(" refs={}", ids.join(",")));
        }
        if f.in_callback_fn {
            s.push_str(" cb");
        }
        s.push('\n');
        self.scratched_regs = 0;
        self.scratched_stack = 0;
        s
    }

    /// A register's abstract state as the profile's log prints it
    /// (`scalar(umin=5)`, `map_value(map=.bss,ks=4,vs=32)`).
    pub(crate) fn reg_log_text(&self, r: &super::reg_state::RegState, frameno: u32) -> String {
        if self.opts.kernel.log_today() {
            let m = self.map_info(r);
            let ms = m.as_ref().map(|(n, k, v)| (n.as_str(), *k, *v));
            return super::log_upstream::reg_str(r, ms, frameno);
        }
        let kv = match r.typ {
            BpfRegType::ConstPtrToMap | BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey => self
                .prog
                .maps
                .get(r.map_idx as usize)
                .map(|m| (m.key_size, m.value_size)),
            _ => None,
        };
        r.log_str(kv)
    }

    /// Name and key/value sizes of the map a register points into.
    fn map_info(&self, r: &super::reg_state::RegState) -> Option<(String, u32, u32)> {
        match r.typ {
            BpfRegType::ConstPtrToMap | BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey => {
                let m = self.prog.maps.get(r.map_idx as usize)?;
                let name = self.prog.kernel_map_name(r.map_idx as usize)?;
                Some((name, m.key_size, m.value_size))
            }
            _ => None,
        }
    }

    /// `print_insn_state`: the state after the last instruction, on the
    /// same line when nothing else was logged since.
    pub(crate) fn print_insn_state(&mut self) {
        if !self.log.wants() {
            return;
        }
        let st = self.state_str(false);
        if self.log.prev_log_len > 0 && self.log.prev_log_len == self.log.buf.len() {
            self.log.buf.pop();
            let pad = vlog_alignment(self.log.prev_insn_print_len);
            let line = format!("{};{}", " ".repeat(pad), st);
            self.log.push(&line);
        } else {
            let line = format!("{}:{}", self.insn_idx, st);
            self.log.push(&line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::ProgType;

    #[test]
    fn insn_text() {
        let p = Program::from_insns(
            "t",
            ProgType::Syscall,
            vec![
                Insn::new(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 0),
                Insn::new(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0),
                Insn::new(BPF_LDX | BPF_MEM | BPF_W, 0, 10, -8, 0),
                Insn::new(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3, 0),
                Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, 201),
                Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
            ],
        );
        assert_eq!(kernel_insn_str(&p, 0), "(b7) r1 = 0");
        assert_eq!(kernel_insn_str(&p, 1), "(7b) *(u64 *)(r10 -8) = r1");
        assert_eq!(kernel_insn_str(&p, 2), "(61) r0 = *(u32 *)(r10 -8)");
        assert_eq!(kernel_insn_str(&p, 3), "(15) if r0 == 0x0 goto pc+3");
        assert_eq!(kernel_insn_str(&p, 4), "(85) call bpf_dynptr_read#201");
        assert_eq!(kernel_insn_str(&p, 5), "(95) exit");
        assert_eq!(vlog_alignment("0: (b7) r1 = 0\n".len()), 24);
    }
}
