//! The kfunc flavour, as upstream Linux merged it: `bpf_dynptr_slice` and
//! `_rdwr` (v6.4), `bpf_dynptr_adjust`, `_size`, `_clone` (v6.5), and the
//! open-coded numeric iterator `bpf_iter_num_*` (v6.4). `is_null`,
//! `is_rdonly`, `from_skb` and `from_xdp` share the helpers' bodies.

use super::dynptr_helpers::{check_off_len, E2BIG, EINVAL, ERANGE};
use super::helpers::BPF_MAX_LOOPS;
use super::{FaultKind, HelperRet, Vm};
use crate::dynptr::DynptrKind;

fn ret(v: i64) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(v as u64))
}

fn slice(vm: &mut Vm, a: &[u64; 5], name: &'static str) -> Result<HelperRet, FaultKind> {
    let (offset, buffer, len) = (a[1] as u32, a[2], a[3] as u32);
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(0);
    }
    if check_off_len(k, offset, len) != 0 {
        return ret(0);
    }
    let off = k.offset.wrapping_add(offset);
    let p = match k.kind() {
        Some(DynptrKind::Local | DynptrKind::Ringbuf) => k.data.wrapping_add(off as u64),
        Some(kind @ (DynptrKind::Skb | DynptrKind::Xdp)) => {
            vm.check_ctx_ptr(name, 1, k.data)?;
            let (o, l) = (off as usize, len as usize);
            let linear_only = kind == DynptrKind::Skb;
            let direct = if linear_only {
                // skb_header_pointer / skb_pointer_if_linear: direct only
                // inside the linear part.
                if o.checked_add(l)
                    .is_some_and(|end| end <= vm.world.packet.headlen())
                {
                    vm.packet_ptr(o, l)?
                } else {
                    0
                }
            } else if off > 0xffff || len > 0xffff {
                0
            } else {
                // bpf_xdp_pointer: direct inside the linear part or one frag.
                vm.packet_ptr(o, l)?
            };
            if direct != 0 {
                direct
            } else if buffer == 0 {
                0
            } else {
                match vm.world.packet.read(o, l) {
                    Some(bytes) => {
                        vm.write_bytes(buffer, &bytes)?;
                        buffer
                    }
                    None => 0,
                }
            }
        }
        None => 0,
    };
    vm.track_slice(a[0], p, len, name);
    Ok(HelperRet::Value(p))
}

/// `bpf_dynptr_slice(p, offset, buffer__opt, buffer__szk)`.
pub(crate) fn dynptr_slice(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    slice(vm, a, "bpf_dynptr_slice")
}

/// `bpf_dynptr_slice_rdwr(p, offset, buffer__opt, buffer__szk)`.
pub(crate) fn dynptr_slice_rdwr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 || k.rdonly() {
        return ret(0);
    }
    slice(vm, a, "bpf_dynptr_slice_rdwr")
}

/// `bpf_dynptr_adjust(p, start, end)`.
pub(crate) fn dynptr_adjust(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let (start, end) = (a[1] as u32, a[2] as u32);
    let mut k = vm.read_kern(a[0])?;
    if k.data == 0 || start > end {
        return ret(EINVAL);
    }
    let size = k.size();
    if start > size || end > size {
        return ret(ERANGE);
    }
    k.offset = k.offset.wrapping_add(start);
    k.set_size(end - start);
    vm.write_kern(a[0], k)?;
    ret(0)
}

/// `bpf_dynptr_size(p)`: a `__u32`, so -EINVAL arrives zero-extended.
pub(crate) fn dynptr_size(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return Ok(HelperRet::Value(EINVAL as u32 as u64));
    }
    Ok(HelperRet::Value(k.size() as u64))
}

/// `bpf_dynptr_clone(p, clone__uninit)`.
pub(crate) fn dynptr_clone(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        vm.set_null(a[1])?;
        vm.track_dynptr(a[1], "bpf_dynptr_clone", None);
        return ret(EINVAL);
    }
    vm.write_kern(a[1], k)?;
    vm.track_dynptr(a[1], "bpf_dynptr_clone", Some(a[0]));
    ret(0)
}

fn iter_state(vm: &Vm, it: u64) -> Result<(i32, i32), FaultKind> {
    let b = vm.read_bytes(it, 8)?;
    let cur = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let end = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
    Ok((cur, end))
}

fn set_iter_state(vm: &mut Vm, it: u64, cur: i32, end: i32) -> Result<(), FaultKind> {
    let mut b = [0u8; 8];
    b[..4].copy_from_slice(&cur.to_le_bytes());
    b[4..].copy_from_slice(&end.to_le_bytes());
    vm.write_bytes(it, &b)
}

/// `bpf_iter_num_new(it, start, end)`.
pub(crate) fn iter_num_new(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let (it, start, end) = (a[0], a[1] as i32, a[2] as i32);
    if start > end {
        set_iter_state(vm, it, 0, 0)?;
        return ret(EINVAL);
    }
    if end as i64 - start as i64 > BPF_MAX_LOOPS as i64 {
        set_iter_state(vm, it, 0, 0)?;
        return ret(E2BIG);
    }
    // The user calls next() first, so cur starts one before start.
    set_iter_state(vm, it, start.wrapping_sub(1), end)?;
    ret(0)
}

/// `bpf_iter_num_next(it)`: a pointer to the current number, or NULL.
pub(crate) fn iter_num_next(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let it = a[0];
    let (cur, end) = iter_state(vm, it)?;
    if cur as i64 + 1 >= end as i64 {
        set_iter_state(vm, it, 0, 0)?;
        return ret(0);
    }
    set_iter_state(vm, it, cur + 1, end)?;
    Ok(HelperRet::Value(it))
}

/// `bpf_iter_num_destroy(it)`.
pub(crate) fn iter_num_destroy(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    set_iter_state(vm, a[0], 0, 0)?;
    ret(0)
}
