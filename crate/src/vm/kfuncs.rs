//! The kfunc flavour, as upstream Linux merged it: `bpf_dynptr_slice` and
//! `_rdwr` (v6.4), `bpf_dynptr_adjust`, `_size`, `_clone` (v6.5), and the
//! open-coded numeric iterator `bpf_iter_num_*` (v6.4). `is_null`,
//! `is_rdonly`, `from_skb` and `from_xdp` share the helpers' bodies.

use super::dynptr_helpers::{
    check_off_len, read_dynptr, write_dynptr, Kern, E2BIG, EINVAL, ERANGE,
};
use super::helpers::{Space, BPF_MAX_LOOPS};
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
        Some(DynptrKind::SkbMeta) => {
            vm.check_ctx_ptr(name, 1, k.data)?;
            // bpf_skb_meta_pointer: always direct.
            vm.meta_ptr(off as usize, len as usize)?
        }
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
    // `(s64)(s->cur + 1) >= s->end` with the int addition wrapping (the
    // kernel builds with -fno-strict-overflow): from INT_MIN, cur starts at
    // INT_MAX and the first number is INT_MIN again.
    let next = cur.wrapping_add(1);
    if next as i64 >= end as i64 {
        set_iter_state(vm, it, 0, 0)?;
        return ret(0);
    }
    set_iter_state(vm, it, next, end)?;
    Ok(HelperRet::Value(it))
}

/// `bpf_iter_num_destroy(it)`.
pub(crate) fn iter_num_destroy(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    set_iter_state(vm, a[0], 0, 0)?;
    ret(0)
}

/// `bpf_dynptr_slice_rdwr(p, offset, NULL, len)` (or the read-only
/// `bpf_dynptr_slice` when `!rdwr`) as the kfuncs below use it: the address
/// of `len` contiguous bytes at `offset`, or 0.
fn direct_slice(vm: &mut Vm, k: Kern, offset: u32, len: u32, rdwr: bool) -> Result<u64, FaultKind> {
    if k.data == 0 || (rdwr && k.rdonly()) || check_off_len(k, offset, len) != 0 {
        return Ok(0);
    }
    let off = k.offset.wrapping_add(offset);
    match k.kind() {
        Some(DynptrKind::Local | DynptrKind::Ringbuf) => Ok(k.data.wrapping_add(off as u64)),
        Some(DynptrKind::SkbMeta) => vm.meta_ptr(off as usize, len as usize),
        Some(DynptrKind::Skb) => {
            let (o, l) = (off as usize, len as usize);
            if o.checked_add(l)
                .is_some_and(|end| end <= vm.world.packet.headlen())
            {
                vm.packet_ptr(o, l)
            } else {
                Ok(0)
            }
        }
        Some(DynptrKind::Xdp) if off <= 0xffff && len <= 0xffff => {
            vm.packet_ptr(off as usize, len as usize)
        }
        _ => Ok(0),
    }
}

/// `bpf_dynptr_memset(p, offset, size, val)`.
pub(crate) fn dynptr_memset(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_memset";
    let (offset, size, val) = (a[1] as u32, a[2] as u32, a[3] as u8);
    let k = vm.read_kern(a[0])?;
    let slice = direct_slice(vm, k, offset, size, true)?;
    if slice != 0 {
        vm.write_bytes(slice, &vec![val; size as usize])?;
        return ret(0);
    }
    if k.rdonly() {
        return ret(EINVAL);
    }
    let err = check_off_len(k, offset, size);
    if err != 0 || size == 0 {
        return ret(err);
    }
    // Non-contiguous packet bytes: written through __bpf_dynptr_write
    // (the size is at most the dynptr's, so below 16 MiB).
    ret(write_dynptr(
        vm,
        N,
        k,
        offset,
        &vec![val; size as usize],
        0,
    )?)
}

/// `bpf_dynptr_copy(dst_ptr, dst_off, src_ptr, src_off, size)`.
pub(crate) fn dynptr_copy(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_copy";
    let (dst_off, src_off, size) = (a[1] as u32, a[3] as u32, a[4] as u32);
    let dst = vm.read_kern(a[0])?;
    let src = vm.read_kern(a[2])?;
    let src_slice = direct_slice(vm, src, src_off, size, false)?;
    let dst_slice = direct_slice(vm, dst, dst_off, size, true)?;
    if src_slice != 0 {
        // memmove: read everything first.
        let bytes = vm.read_bytes(src_slice, size as usize)?;
        if dst_slice != 0 {
            vm.write_bytes(dst_slice, &bytes)?;
            return ret(0);
        }
        return ret(write_dynptr(vm, N, dst, dst_off, &bytes, 0)?);
    }
    if dst_slice != 0 {
        return match read_dynptr(vm, N, src, src_off, size, 0)? {
            Ok(bytes) => {
                vm.write_bytes(dst_slice, &bytes)?;
                ret(0)
            }
            Err(e) => ret(e),
        };
    }
    if check_off_len(dst, dst_off, size) != 0 || check_off_len(src, src_off, size) != 0 {
        return ret(E2BIG);
    }
    // The chunk loop does nothing for size 0 (two null dynptrs).
    if size == 0 {
        return ret(0);
    }
    match read_dynptr(vm, N, src, src_off, size, 0)? {
        Ok(bytes) => ret(write_dynptr(vm, N, dst, dst_off, &bytes, 0)?),
        Err(e) => ret(e),
    }
}

/// What a `__bpf_dynptr_copy` copy function (`copy_fn`) made of the source.
enum Copied {
    /// Everything: 0.
    All(Vec<u8>),
    /// Nothing, and this error; the destination untouched.
    Failed(i64),
    /// `copy_from_user` fell short: the bytes with their uncopied tail
    /// zeroed (written into a slice), and the error.
    Short(Vec<u8>, i64),
}

/// `__bpf_dynptr_copy(dptr, doff, size, unsafe_src, copy_fn)`: a slice of
/// the destination gets the copy directly, otherwise it goes through
/// `__bpf_dynptr_write`.
fn dynptr_copy_from(
    vm: &mut Vm,
    a: &[u64; 5],
    name: &str,
    copy: impl Fn(&Vm, u64, u32) -> Copied,
) -> Result<HelperRet, FaultKind> {
    let (doff, size, src) = (a[1] as u32, a[2] as u32, a[3]);
    let k = vm.read_kern(a[0])?;
    let slice = direct_slice(vm, k, doff, size, true)?;
    if slice != 0 {
        return match copy(vm, src, size) {
            Copied::All(b) => {
                vm.write_bytes(slice, &b)?;
                ret(0)
            }
            Copied::Failed(e) => ret(e),
            Copied::Short(b, left) => {
                vm.write_bytes(slice, &b)?;
                ret(left)
            }
        };
    }
    if check_off_len(k, doff, size) != 0 {
        return ret(E2BIG);
    }
    if size == 0 {
        return ret(0);
    }
    match copy(vm, src, size) {
        Copied::All(b) => ret(write_dynptr(vm, name, k, doff, &b, 0)?),
        Copied::Failed(e) | Copied::Short(_, e) => ret(e),
    }
}

/// `__bpf_dynptr_copy_str(dptr, doff, size, unsafe_src, str_copy_fn)`: like
/// [`dynptr_copy_from`] for a string; returns the bytes written, NUL
/// included.
fn dynptr_copy_str_from(
    vm: &mut Vm,
    a: &[u64; 5],
    name: &str,
    copy: impl Fn(&Vm, u64, u32) -> super::helpers::StrCopy,
) -> Result<HelperRet, FaultKind> {
    let (doff, size, src) = (a[1] as u32, a[2] as u32, a[3]);
    let k = vm.read_kern(a[0])?;
    let slice = direct_slice(vm, k, doff, size, true)?;
    if slice != 0 {
        let c = copy(vm, src, size);
        vm.write_bytes(slice, &c.bytes)?;
        return ret(c.ret);
    }
    if check_off_len(k, doff, size) != 0 {
        return ret(E2BIG);
    }
    if size == 0 {
        return ret(0);
    }
    let c = copy(vm, src, size);
    if c.ret < 0 {
        return ret(c.ret);
    }
    // Only the string's bytes go through the dynptr (`cnt` of each chunk).
    let n = (c.ret as usize).min(c.bytes.len());
    let err = write_dynptr(vm, name, k, doff, &c.bytes[..n], 0)?;
    ret(if err != 0 { err } else { c.ret })
}

fn nofault(r: Result<Vec<u8>, i64>) -> Copied {
    match r {
        Ok(b) => Copied::All(b),
        Err(e) => Copied::Failed(e),
    }
}

/// `bpf_probe_read_user_dynptr(dptr, off, size, unsafe_ptr__ign)`.
pub(crate) fn probe_read_user_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    dynptr_copy_from(vm, a, "bpf_probe_read_user_dynptr", |vm, src, n| {
        nofault(vm.probe_bytes(Space::User, src, n as usize))
    })
}

/// `bpf_probe_read_kernel_dynptr(dptr, off, size, unsafe_ptr__ign)`.
pub(crate) fn probe_read_kernel_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    dynptr_copy_from(vm, a, "bpf_probe_read_kernel_dynptr", |vm, src, n| {
        nofault(vm.probe_bytes(Space::Kernel, src, n as usize))
    })
}

/// `bpf_copy_from_user_dynptr(dptr, off, size, unsafe_ptr__ign)`: a plain
/// `copy_from_user`, which zeroes the bytes it could not copy; any
/// shortfall is -EFAULT.
pub(crate) fn copy_from_user_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    dynptr_copy_from(vm, a, "bpf_copy_from_user_dynptr", |vm, src, n| {
        let (bytes, copied) = vm.copy_from_user(src, n as usize);
        if copied == n as usize {
            Copied::All(bytes)
        } else {
            Copied::Short(bytes, super::dynptr_helpers::EFAULT)
        }
    })
}

/// `bpf_probe_read_user_str_dynptr(dptr, off, size, unsafe_ptr__ign)`.
pub(crate) fn probe_read_user_str_dynptr(
    vm: &mut Vm,
    a: &[u64; 5],
) -> Result<HelperRet, FaultKind> {
    dynptr_copy_str_from(vm, a, "bpf_probe_read_user_str_dynptr", |vm, src, n| {
        vm.strncpy_from_user_nofault(src, n as usize)
    })
}

/// `bpf_probe_read_kernel_str_dynptr(dptr, off, size, unsafe_ptr__ign)`.
pub(crate) fn probe_read_kernel_str_dynptr(
    vm: &mut Vm,
    a: &[u64; 5],
) -> Result<HelperRet, FaultKind> {
    dynptr_copy_str_from(vm, a, "bpf_probe_read_kernel_str_dynptr", |vm, src, n| {
        vm.strncpy_from_kernel_nofault(src, n as usize)
    })
}

/// `bpf_copy_from_user_str_dynptr(dptr, off, size, unsafe_ptr__ign)`.
pub(crate) fn copy_from_user_str_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    dynptr_copy_str_from(vm, a, "bpf_copy_from_user_str_dynptr", |vm, src, n| {
        vm.copy_user_str_sleepable(src, n as usize)
    })
}
