//! Registers and stack slots as today's kernel prints them (`kernel/bpf/log.c`
//! of Linux 6.x: `ctx()`, `map_ptr(map=rb,ks=0,vs=0)`,
//! `scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))`,
//! `fp-16=dynptr_ringbuf(id=1,ref_id=2,dynptr_id=1)`, no liveness marks),
//! used when the wording is [`super::KernelProfile::Linux6_18`], so that a log can
//! be laid next to one from a current kernel.

use super::reg_state::{BpfRegType, RegState};
use super::stack::{SlotType, StackSlot};

/// `is_snum_decimal`.
fn snum(v: i64) -> String {
    if (-512..=512).contains(&v) {
        format!("{v}")
    } else {
        format!("{:#x}", v as u64)
    }
}

/// `verbose_unum`.
fn unum(v: u64) -> String {
    if v <= 512 {
        format!("{v}")
    } else {
        format!("{v:#x}")
    }
}

/// `print_scalar_ranges`: equal bounds are printed once (`smin=smin32=0`).
fn scalar_ranges(r: &RegState, parts: &mut Vec<String>) {
    let s32 = |v: i32| -> u64 {
        if (-512..=512).contains(&(v as i64)) {
            v as i64 as u64
        } else {
            v as u32 as u64
        }
    };
    let mut m: Vec<(&str, u64, bool)> = vec![
        ("smin", r.smin_value as u64, r.smin_value == i64::MIN),
        ("smax", r.smax_value as u64, r.smax_value == i64::MAX),
        ("umin", r.umin_value, r.umin_value == 0),
        ("umax", r.umax_value, r.umax_value == u64::MAX),
        ("smin32", s32(r.s32_min_value), r.s32_min_value == i32::MIN),
        ("smax32", s32(r.s32_max_value), r.s32_max_value == i32::MAX),
        ("umin32", r.u32_min_value as u64, r.u32_min_value == 0),
        (
            "umax32",
            r.u32_max_value as u64,
            r.u32_max_value == u32::MAX,
        ),
    ];
    for i in 0..m.len() {
        let (name, val, omit) = m[i];
        if omit {
            continue;
        }
        let neg1 = name.starts_with('s') && (val as i64) < 0;
        let mut text = format!("{name}=");
        let mut j = i + 2;
        while j < m.len() {
            let (n2, v2, o2) = m[j];
            let neg2 = n2.starts_with('s') && (v2 as i64) < 0;
            if !o2 && v2 == val && neg1 == neg2 {
                m[j].2 = true;
                text.push_str(&format!("{n2}="));
            }
            j += 2;
        }
        text.push_str(&if name.starts_with('s') {
            snum(val as i64)
        } else {
            unum(val)
        });
        parts.push(text);
    }
}

/// `print_reg_state` of today's kernel; `map` is the map's name and sizes,
/// `frameno` the frame the register is printed in.
pub fn reg_str(r: &RegState, map: Option<(&str, u32, u32)>, frameno: u32) -> String {
    let t = r.typ;
    if t == BpfRegType::Scalar && r.var_off.is_const() {
        return snum(r.var_off.value as i64);
    }
    let mut s = r.type_str();
    if t == BpfRegType::PtrToStack {
        if r.frameno != frameno {
            s.push_str(&format!("[{}]", r.frameno));
        }
        if r.var_off.is_const() {
            s.push_str(&snum((r.var_off.value as i64).wrapping_add(r.off as i64)));
            return s;
        }
    }
    let mut parts = Vec::new();
    if r.id != 0 {
        parts.push(format!("id={}", r.id));
    }
    if r.ref_obj_id != 0 {
        parts.push(format!("ref_obj_id={}", r.ref_obj_id));
    }
    if let Some((name, ks, vs)) = map {
        if matches!(
            t,
            BpfRegType::ConstPtrToMap | BpfRegType::PtrToMapValue | BpfRegType::PtrToMapKey
        ) {
            if !name.is_empty() {
                parts.push(format!("map={name}"));
            }
            parts.push(format!("ks={ks},vs={vs}"));
        }
    }
    if t != BpfRegType::Scalar && r.off != 0 {
        parts.push(format!("off={}", snum(r.off as i64)));
    }
    if t.is_pkt_pointer() {
        parts.push(format!("r={}", unum(r.range as u32 as u64)));
    }
    if t == BpfRegType::PtrToMem {
        parts.push(format!("sz={}", unum(r.mem_size as u64)));
    }
    if t == BpfRegType::PtrToDynptr {
        if let Some(k) = r.dynptr_kind {
            parts.push(format!("type={}", k.name()));
        }
    }
    if r.var_off.is_const() {
        if r.var_off.value != 0 {
            parts.push(format!("imm={}", snum(r.var_off.value as i64)));
        }
    } else {
        scalar_ranges(r, &mut parts);
        if !r.var_off.is_unknown() {
            parts.push(format!("var_off={}", r.var_off));
        }
    }
    format!("{}({})", s, parts.join(","))
}

/// The name and key/value sizes of the map a register points into.
pub type MapInfo = Option<(String, u32, u32)>;

/// One stack slot as today's kernel prints it, `None` when it is printed
/// with its neighbour (the second slot of a dynptr).
pub fn slot_str(
    stack: &[StackSlot],
    spi: usize,
    map_of: &dyn Fn(&RegState) -> MapInfo,
    frameno: u32,
) -> Option<String> {
    let slot = stack.get(spi)?;
    let off = -((spi as i64 + 1) * 8);
    let types: String = slot.slot_type.iter().map(|t| t.log_char()).collect();
    match slot.slot_type[7] {
        SlotType::Spill => {
            let upto = slot
                .slot_type
                .iter()
                .position(|t| *t == SlotType::Spill)
                .unwrap_or(8);
            let r = &slot.spilled_ptr;
            let m = map_of(r);
            let ms = m.as_ref().map(|(n, k, v)| (n.as_str(), *k, *v));
            Some(format!(
                "fp{}={}{}",
                off,
                &types[..upto],
                reg_str(r, ms, frameno)
            ))
        }
        SlotType::Dynptr => {
            if !slot.spilled_ptr.dynptr_first_slot {
                return None;
            }
            let r = &slot.spilled_ptr;
            let mut parts = Vec::new();
            if r.dynptr_id != 0 {
                parts.push(format!("id={}", r.dynptr_id & 0x7fff_ffff));
            }
            if r.ref_obj_id != 0 {
                parts.push(format!("ref_id={}", r.ref_obj_id));
            }
            let parent = if r.dynptr_parent_id != 0 {
                r.dynptr_parent_id
            } else {
                r.dynptr_id
            };
            if parent != 0 {
                parts.push(format!("dynptr_id={}", parent & 0x7fff_ffff));
            }
            let kind = r.dynptr_kind.map_or("invalid", |k| k.name());
            Some(format!("fp{}=dynptr_{}({})", off, kind, parts.join(",")))
        }
        SlotType::Iter => Some(format!(
            "fp{}=iter_num(ref_id={},state=active,depth={})",
            off, slot.spilled_ptr.ref_obj_id, slot.spilled_ptr.range
        )),
        _ => Some(format!("fp{off}={types}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_ranges_merge() {
        let mut r = RegState::unknown();
        r.coerce_to_size(1);
        assert_eq!(
            reg_str(&r, None, 0),
            "scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))"
        );
        assert_eq!(
            reg_str(&RegState::known(0x1_0000_0000), None, 0),
            "0x100000000"
        );
        assert_eq!(
            reg_str(&RegState::ptr(BpfRegType::PtrToCtx), None, 0),
            "ctx()"
        );
        assert_eq!(
            reg_str(
                &RegState::ptr(BpfRegType::ConstPtrToMap),
                Some(("rb", 0, 0)),
                0
            ),
            "map_ptr(map=rb,ks=0,vs=0)"
        );
    }
}
