//! Is a concrete value inside an abstract one? One register or stack slot
//! at a time, with the assumption it breaks said the way a person reads a
//! verifier state ("r3 <= 64", "r2 has 14 bytes of packet after it").

use crate::verifier::reg_state::{BpfRegType, RegState};
use crate::verifier::stack::{SlotType, StackSlot, BPF_REG_SIZE};
use crate::vm::concrete::PtrTarget;
use crate::vm::mem::RegionKind;
use crate::vm::Vm;

/// The assumption a concrete value breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// What the verifier assumed, e.g. `r3 <= 64`.
    pub assumed: String,
}

fn broken(assumed: String) -> Result<(), Broken> {
    Err(Broken { assumed })
}

/// Is `v` inside the scalar `a` (every bound and the tnum)? `name` is what
/// the messages call it (`r3`, `fp-8`, `r3's offset`).
pub fn scalar_inside(a: &RegState, v: u64, name: &str) -> Result<(), Broken> {
    let s = v as i64;
    let (v32, s32) = (v as u32, v as u32 as i32);
    if v < a.umin_value {
        return broken(format!("{name} >= {}", a.umin_value));
    }
    if v > a.umax_value {
        return broken(format!("{name} <= {}", a.umax_value));
    }
    if s < a.smin_value {
        return broken(format!("(s64){name} >= {}", a.smin_value));
    }
    if s > a.smax_value {
        return broken(format!("(s64){name} <= {}", a.smax_value));
    }
    if v32 < a.u32_min_value {
        return broken(format!("(u32){name} >= {}", a.u32_min_value));
    }
    if v32 > a.u32_max_value {
        return broken(format!("(u32){name} <= {}", a.u32_max_value));
    }
    if s32 < a.s32_min_value {
        return broken(format!("(s32){name} >= {}", a.s32_min_value));
    }
    if s32 > a.s32_max_value {
        return broken(format!("(s32){name} <= {}", a.s32_max_value));
    }
    if v & !a.var_off.mask != a.var_off.value {
        return broken(format!(
            "{name} has the known bits var_off=({:#x}; {:#x})",
            a.var_off.value, a.var_off.mask
        ));
    }
    Ok(())
}

/// Is the concrete register value `v` inside `a`? `None` (never written)
/// is not compared: reading it would fault in the VM anyway.
pub fn reg_inside(a: &RegState, v: Option<u64>, vm: &Vm, name: &str) -> Result<(), Broken> {
    reg_inside_at(
        a,
        v,
        vm,
        name,
        vm.depth().saturating_sub(1) as i64 - i64::from(a.frameno),
    )
}

/// Whether the verifier allows `a`'s offset (fixed plus variable) to reach
/// past the VM's signed 32-bit offset window, where a concrete pointer
/// cannot follow it.
fn beyond_vm_window(a: &RegState) -> bool {
    let off = i64::from(a.off);
    let umax = a.umax_value.min(i64::MAX as u64) as i64;
    off.saturating_add(a.smax_value) >= 1 << 31
        || off.saturating_add(umax) >= 1 << 31
        || off.saturating_add(a.smin_value) < -(1 << 31)
}

/// [`reg_inside`] for a state whose frame 0 is the VM's frame `base`: a
/// global function is verified on its own, as frame 0, whatever its
/// caller's depth.
pub fn reg_inside_at(
    a: &RegState,
    v: Option<u64>,
    vm: &Vm,
    name: &str,
    base: i64,
) -> Result<(), Broken> {
    let Some(v) = v else {
        return Ok(());
    };
    let kind = a.typ.base_str();
    match a.typ {
        BpfRegType::NotInit => Ok(()),
        BpfRegType::Scalar => scalar_inside(a, v, name),
        // The VM keeps a pointer's offset in 32 bits: one the verifier
        // allows to move further cannot be compared (not an escape).
        _ if beyond_vm_window(a) => Ok(()),
        _ if v == 0 => {
            if a.maybe_null {
                Ok(())
            } else {
                broken(format!("{name} is a {kind} pointer, not NULL"))
            }
        }
        _ => {
            let t = vm.ptr_target(v);
            let var = |off: i64| {
                scalar_inside(
                    a,
                    (off - i64::from(a.off)) as u64,
                    &format!("{name}'s variable offset"),
                )
            };
            match (a.typ, t) {
                (BpfRegType::PtrToCtx, PtrTarget::Region(RegionKind::Ctx, off)) => var(off),
                (BpfRegType::PtrToStack, PtrTarget::Stack { depth, fp_off }) => {
                    if depth.is_some_and(|d| d as i64 != base + i64::from(a.frameno)) {
                        return broken(format!("{name} points into frame {}'s stack", a.frameno));
                    }
                    var(fp_off)
                }
                (
                    BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey,
                    PtrTarget::Region(RegionKind::MapValue { map, .. }, off),
                ) => {
                    if map != a.map_idx {
                        return broken(format!("{name} points into map {}'s value", a.map_idx));
                    }
                    var(off)
                }
                (BpfRegType::PtrToMapKey, PtrTarget::Stack { .. }) => Ok(()),
                (BpfRegType::PtrToPacket, PtrTarget::Packet { data_off, current }) => {
                    if !current {
                        return broken(format!(
                            "{name} is a pointer into the packet as it is now (it was made before the packet changed)"
                        ));
                    }
                    var(data_off)?;
                    packet_range(a, data_off - i64::from(a.off), vm.packet_len(), name)
                }
                (BpfRegType::PtrToPacketMeta, PtrTarget::Packet { data_off, current }) => {
                    if !current {
                        return broken(format!(
                            "{name} is a pointer into the packet metadata as it is now"
                        ));
                    }
                    let meta = vm.packet_meta_off();
                    var(data_off - meta)?;
                    packet_range(a, data_off - meta - i64::from(a.off), -meta, name)
                }
                (BpfRegType::PtrToPacketEnd, PtrTarget::Packet { data_off, current }) => {
                    if current && data_off == vm.packet_len() {
                        Ok(())
                    } else {
                        broken(format!("{name} is the packet's data_end"))
                    }
                }
                (BpfRegType::ConstPtrToMap, PtrTarget::Region(RegionKind::Map { map }, _)) => {
                    if map == a.map_idx {
                        Ok(())
                    } else {
                        broken(format!("{name} is map {}", a.map_idx))
                    }
                }
                (BpfRegType::PtrToFunc, PtrTarget::Region(RegionKind::Func, _)) => Ok(()),
                (BpfRegType::PtrToMem | BpfRegType::PtrToDynptr, t) if t != PtrTarget::None => {
                    // The memory's size is what a slice or record promises:
                    // `mem_size` bytes from its start must be there.
                    if a.typ == BpfRegType::PtrToMem && a.mem_size > 0 && a.var_off.is_const() {
                        let base =
                            v.wrapping_sub((i64::from(a.off) + a.var_off.value as i64) as u64);
                        if !vm.can_read(base, a.mem_size as usize) {
                            return broken(format!(
                                "{name} points to {} bytes of memory ({kind}, mem_size={})",
                                a.mem_size, a.mem_size
                            ));
                        }
                    }
                    Ok(())
                }
                _ => broken(format!(
                    "{name} is a {kind} pointer{}",
                    if t == PtrTarget::None {
                        ""
                    } else {
                        " (this run's points elsewhere)"
                    }
                )),
            }
        }
    }
}

/// A packet pointer's `range`: that many bytes from the pointer's base
/// (the pointer less its fixed offset) are inside the packet.
fn packet_range(a: &RegState, base_off: i64, end: i64, name: &str) -> Result<(), Broken> {
    if a.range > 0 && base_off + i64::from(a.range) > end {
        return broken(format!(
            "{name} has {} bytes of packet after it (r={}); this run's packet ends {} bytes after it",
            i64::from(a.range) - i64::from(a.off),
            a.range,
            end - base_off - i64::from(a.off)
        ));
    }
    Ok(())
}

/// A register's abstract value in a few characters, for a narrow panel:
/// `=5`, `[1, 11]`, `[-4, 9]`, `unknown`, `pkt+8 r=14`, `fp-8`,
/// `map_value+0 or NULL`.
pub fn short_str(a: &RegState) -> String {
    let num = |v: u64| {
        if v < 1 << 20 {
            v.to_string()
        } else {
            format!("{v:#x}")
        }
    };
    let snum = |v: i64| {
        if v.unsigned_abs() < 1 << 20 {
            v.to_string()
        } else if v < 0 {
            format!("-{:#x}", v.unsigned_abs())
        } else {
            format!("{v:#x}")
        }
    };
    match a.typ {
        BpfRegType::NotInit => "?".into(),
        BpfRegType::Scalar if a.var_off.is_const() => format!("={}", snum(a.var_off.value as i64)),
        BpfRegType::Scalar
            if a.umin_value == 0 && a.umax_value == u64::MAX && a.smin_value == i64::MIN =>
        {
            if a.u32_max_value != u32::MAX {
                format!("[0, {}] (32-bit)", num(u64::from(a.u32_max_value)))
            } else {
                "unknown".into()
            }
        }
        BpfRegType::Scalar if a.smin_value >= 0 || a.umax_value <= i64::MAX as u64 => {
            format!("[{}, {}]", num(a.umin_value), num(a.umax_value))
        }
        BpfRegType::Scalar => format!("[{}, {}]", snum(a.smin_value), snum(a.smax_value)),
        _ => {
            let base = match a.typ {
                BpfRegType::PtrToStack => "fp".to_string(),
                t => t.base_str().to_string(),
            };
            let mut s = base;
            let var = !a.var_off.is_const() || a.var_off.value != 0;
            if a.off != 0 || matches!(a.typ, BpfRegType::PtrToPacket | BpfRegType::PtrToMapValue) {
                s.push_str(&format!("{:+}", a.off));
            }
            if var {
                s.push_str(&format!("+[{}, {}]", num(a.umin_value), num(a.umax_value)));
            }
            if a.typ.is_pkt_pointer() {
                s.push_str(&format!(" r={}", a.range));
            }
            if a.typ == BpfRegType::PtrToMem {
                s.push_str(&format!(" sz={}", a.mem_size));
            }
            if a.maybe_null {
                s.push_str(" or NULL");
            }
            s
        }
    }
}

/// The name of stack slot `spi`'s lowest byte, `fp-8` for slot 0.
pub fn slot_name(spi: usize) -> String {
    format!("fp-{}", (spi + 1) * BPF_REG_SIZE)
}

/// Is the running frame's stack slot `spi` inside `s`: a spilled register's
/// value inside it, known-zero bytes zero? Bytes the run never wrote are
/// not compared.
pub fn slot_inside(s: &StackSlot, spi: usize, stack: (&[u8], &[bool])) -> Result<(), Broken> {
    let (bytes, init) = stack;
    let Some(lo) = bytes.len().checked_sub((spi + 1) * BPF_REG_SIZE) else {
        return Ok(());
    };
    // slot_type[i] describes the byte at fp - spi*8 - 1 - i.
    let byte = |i: usize| lo + BPF_REG_SIZE - 1 - i;
    for i in 0..BPF_REG_SIZE {
        let at = byte(i);
        if s.slot_type[i] == SlotType::Zero && init[at] && bytes[at] != 0 {
            return broken(format!(
                "fp-{} is zero (this run has {:#04x})",
                spi * BPF_REG_SIZE + 1 + i,
                bytes[at]
            ));
        }
    }
    // A spill fills the slot from its lowest byte: slot_type[7] down.
    let n = (0..BPF_REG_SIZE)
        .rev()
        .take_while(|&i| s.slot_type[i] == SlotType::Spill)
        .count();
    if n == 0 || !(lo..lo + n).all(|at| init[at]) {
        return Ok(());
    }
    let mut v = 0u64;
    for (k, b) in bytes[lo..lo + n].iter().enumerate() {
        v |= u64::from(*b) << (8 * k);
    }
    if s.spilled_ptr.typ == BpfRegType::Scalar {
        // A narrower spill keeps the whole register's state; its n bytes
        // hold the register cut to n bytes.
        let mut r = s.spilled_ptr;
        if n < BPF_REG_SIZE {
            r.coerce_to_size(n as u32);
        }
        return scalar_inside(&r, v, &slot_name(spi));
    }
    Ok(())
}

/// A spilled pointer (a full 8-byte spill that is not a scalar): checked
/// like a register.
pub fn spilled_ptr_inside(
    s: &StackSlot,
    spi: usize,
    stack: (&[u8], &[bool]),
    vm: &Vm,
    base: i64,
) -> Result<(), Broken> {
    let (bytes, init) = stack;
    let r = &s.spilled_ptr;
    if !s.slot_type.iter().all(|t| *t == SlotType::Spill) || !r.is_pointer() {
        return Ok(());
    }
    let Some(lo) = bytes.len().checked_sub((spi + 1) * BPF_REG_SIZE) else {
        return Ok(());
    };
    if !(lo..lo + BPF_REG_SIZE).all(|at| init[at]) {
        return Ok(());
    }
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[lo..lo + BPF_REG_SIZE]);
    reg_inside_at(r, Some(u64::from_le_bytes(b)), vm, &slot_name(spi), base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_bounds_name_the_broken_one() {
        let mut a = RegState::unknown();
        a.umax_value = 64;
        a.bounds_sync();
        assert!(scalar_inside(&a, 64, "r3").is_ok());
        assert_eq!(
            scalar_inside(&a, 300, "r3").unwrap_err().assumed,
            "r3 <= 64"
        );
        let k = RegState::known(5);
        assert!(scalar_inside(&k, 5, "r1").is_ok());
        assert!(scalar_inside(&k, 4, "r1").is_err());
    }

    #[test]
    fn zero_bytes_and_spilled_scalars() {
        let mut s = StackSlot::default();
        s.slot_type = [SlotType::Spill; 8];
        s.spilled_ptr = RegState::known(7);
        let mut bytes = vec![0u8; 512];
        let init = vec![true; 512];
        bytes[504] = 7;
        assert!(slot_inside(&s, 0, (&bytes, &init)).is_ok());
        bytes[504] = 8;
        assert_eq!(
            slot_inside(&s, 0, (&bytes, &init)).unwrap_err().assumed,
            "fp-8 <= 7"
        );
        let mut z = StackSlot::default();
        z.slot_type = [SlotType::Zero; 8];
        bytes[504] = 0;
        assert!(slot_inside(&z, 0, (&bytes, &init)).is_ok());
        bytes[511 - 8] = 0; // fp-9 belongs to slot 1, not compared
        bytes[505] = 1; // fp-7
        assert!(slot_inside(&z, 0, (&bytes, &init)).is_err());
    }

    #[test]
    fn a_narrow_spill_holds_the_register_cut_to_its_size() {
        // *(u32 *)(r10 - 8) = r1 with r1 = 0x1_0000_0005: the slot keeps
        // r1's whole state; its 4 bytes hold 5.
        let mut s = StackSlot::default();
        s.slot_type = [SlotType::Misc; 8];
        for t in &mut s.slot_type[4..] {
            *t = SlotType::Spill;
        }
        s.spilled_ptr = RegState::known(0x1_0000_0005);
        let mut bytes = vec![0u8; 512];
        let init = vec![true; 512];
        bytes[504] = 5;
        assert!(slot_inside(&s, 0, (&bytes, &init)).is_ok());
        bytes[504] = 6;
        assert!(slot_inside(&s, 0, (&bytes, &init)).is_err());
    }

    #[test]
    fn pointers_beyond_the_vm_window_are_not_compared() {
        let mut a = RegState::unknown();
        a.typ = BpfRegType::PtrToMapValue;
        assert!(beyond_vm_window(&a));
        let mut a = RegState::known(0);
        a.typ = BpfRegType::PtrToMapValue;
        assert!(!beyond_vm_window(&a));
        a.off = i32::MAX;
        a.smax_value = 1;
        a.umax_value = 1;
        assert!(beyond_vm_window(&a));
    }
}
