//! The helpers that predate the series: maps, ring buffer, `bpf_loop`,
//! time, pid, random numbers, `bpf_trace_printk`, and the packet-changing
//! helpers, with the semantics of the v6.1/v6.2 kernel.

use super::callbacks::{Driver, DriverKind};
use super::dynptr_helpers::{E2BIG, EINVAL};
use super::mem::RegionKind;
use super::{FaultKind, HelperRet, Vm};

const EAGAIN: i64 = -11;
/// `BPF_MAX_LOOPS`.
pub(crate) const BPF_MAX_LOOPS: u64 = 1 << 23;

fn ret(v: i64) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(v as u64))
}

fn arg_err(helper: &str, arg: u8, what: impl Into<String>) -> FaultKind {
    FaultKind::BadHelperArg {
        helper: helper.to_string(),
        arg,
        what: what.into(),
    }
}

impl Vm {
    /// The map index of an `ARG_CONST_MAP_PTR` argument.
    pub(crate) fn map_arg(&self, helper: &str, v: u64) -> Result<usize, FaultKind> {
        match self.regions.decode(v) {
            Some((RegionKind::Map { map }, 0)) => Ok(map as usize),
            _ => Err(arg_err(
                helper,
                1,
                format!("{v:#x} is not a map (load it with ld_imm64 of a map)"),
            )),
        }
    }

    /// The map index of a ring buffer argument.
    pub(crate) fn ringbuf_arg(&self, helper: &str, v: u64) -> Result<usize, FaultKind> {
        let m = self.map_arg(helper, v)?;
        if self.world.maps.get(m).and_then(|m| m.ringbuf()).is_none() {
            return Err(arg_err(helper, 1, "is not a ring buffer map"));
        }
        Ok(m)
    }

    /// `__bpf_ringbuf_reserve`: a pointer to the new sample, or `None`.
    pub(crate) fn ringbuf_reserve(
        &mut self,
        map: usize,
        size: u64,
    ) -> Result<Option<u64>, FaultKind> {
        let ref_id = self.world.next_ref_id;
        let rb = self
            .world
            .maps
            .get_mut(map)
            .and_then(|m| m.ringbuf_mut())
            .ok_or(FaultKind::NoSuchMap(map as u32))?;
        let Some(seq) = rb.reserve(size, ref_id) else {
            return Ok(None);
        };
        self.world.acquire_ref_id();
        Ok(Some(self.regions.ptr(
            RegionKind::Record {
                map: map as u32,
                seq,
            },
            0,
        )?))
    }

    /// `bpf_ringbuf_commit(sample, flags, discard)`.
    pub(crate) fn ringbuf_commit(
        &mut self,
        helper: &str,
        sample: u64,
        flags: u64,
        discard: bool,
    ) -> Result<(), FaultKind> {
        let Some((RegionKind::Record { map, seq }, 0)) = self.regions.decode(sample) else {
            return Err(arg_err(
                helper,
                1,
                format!("{sample:#x} is not a reserved ring buffer sample"),
            ));
        };
        let rb = self
            .world
            .maps
            .get_mut(map as usize)
            .and_then(|m| m.ringbuf_mut())
            .ok_or(FaultKind::NoSuchMap(map))?;
        if !rb.commit(seq, flags, discard) {
            return Err(arg_err(
                helper,
                1,
                "the sample was already submitted or discarded",
            ));
        }
        Ok(())
    }

    fn map_key(&self, helper: &str, map: usize, key: u64) -> Result<Vec<u8>, FaultKind> {
        let ks = self.world.maps.get(map).map_or(0, |m| m.def.key_size) as usize;
        self.read_bytes(key, ks)
            .map_err(|e| arg_err(helper, 2, format!("is not a {ks}-byte key: {e}")))
    }
}

/// `bpf_map_lookup_elem(map, key)`.
pub(crate) fn map_lookup_elem(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_map_lookup_elem";
    let m = vm.map_arg(N, a[0])?;
    if vm.world.maps[m].ringbuf().is_some() {
        return Err(arg_err(N, 1, "is a ring buffer, which has no elements"));
    }
    let key = vm.map_key(N, m, a[1])?;
    let Some(slot) = vm.world.maps[m].lookup(&key) else {
        return ret(0);
    };
    let version = vm.world.maps[m].slot_version(slot);
    Ok(HelperRet::Value(vm.regions.ptr(
        RegionKind::MapValue {
            map: m as u32,
            slot,
            version,
        },
        0,
    )?))
}

/// A map the helper `name` changes must not be read-only to programs
/// (`.rodata`, `BPF_F_RDONLY_PROG`; the verifier refuses such a call).
fn writable_map(vm: &Vm, name: &str, m: usize) -> Result<(), FaultKind> {
    let def = &vm.world.maps[m].def;
    if def.read_only_prog() {
        return Err(arg_err(
            name,
            1,
            format!("is read-only to programs ({})", def.name),
        ));
    }
    Ok(())
}

/// `bpf_map_update_elem(map, key, value, flags)`.
pub(crate) fn map_update_elem(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_map_update_elem";
    let m = vm.map_arg(N, a[0])?;
    if vm.world.maps[m].ringbuf().is_some() {
        return Err(arg_err(N, 1, "is a ring buffer, which has no elements"));
    }
    let key = vm.map_key(N, m, a[1])?;
    let vs = vm.world.maps[m].def.value_size as usize;
    let value = vm
        .read_bytes(a[2], vs)
        .map_err(|e| arg_err(N, 3, format!("is not a {vs}-byte value: {e}")))?;
    writable_map(vm, N, m)?;
    ret(vm.world.maps[m].update(&key, &value, a[3]))
}

/// `bpf_map_delete_elem(map, key)`.
pub(crate) fn map_delete_elem(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_map_delete_elem";
    let m = vm.map_arg(N, a[0])?;
    let key = vm.map_key(N, m, a[1])?;
    writable_map(vm, N, m)?;
    ret(vm.world.maps[m].delete(&key))
}

/// `bpf_ktime_get_ns()`.
pub(crate) fn ktime_get_ns(vm: &mut Vm, _a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(vm.world.ktime_ns(vm.steps)))
}

/// `bpf_get_prandom_u32()`.
pub(crate) fn get_prandom_u32(vm: &mut Vm, _a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(vm.world.next_random() as u64))
}

/// `bpf_get_current_pid_tgid()`.
pub(crate) fn get_current_pid_tgid(vm: &mut Vm, _a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(vm.world.pid_tgid()))
}

/// `bpf_get_current_comm(buf, size_of_buf)`: `strscpy_pad(buf, task->comm,
/// size)`, i.e. at most `size - 1` bytes of the name, then NUL bytes up to
/// `size`; returns 0. (The kernel's -EINVAL with a zeroed buffer is for no
/// current task, which a simulated run always has; the verifier guarantees
/// `size > 0`.)
pub(crate) fn get_current_comm(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_get_current_comm";
    let size = usize::try_from(a[1]).map_err(|_| arg_err(N, 2, "is too large"))?;
    if size == 0 {
        return Err(arg_err(N, 2, "must be greater than 0 (ARG_CONST_SIZE)"));
    }
    // Check the whole buffer before allocating or writing: `size` comes from
    // a program register.
    vm.check_writable(a[0], size)
        .map_err(|e| arg_err(N, 1, e.to_string()))?;
    let comm = vm.world.comm();
    let mut buf = vec![0u8; size];
    let n = comm.len().min(size - 1);
    buf[..n].copy_from_slice(&comm[..n]);
    vm.write_bytes(a[0], &buf)
        .map_err(|e| arg_err(N, 1, e.to_string()))?;
    ret(0)
}

/// `bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3)`.
pub(crate) fn trace_printk(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_trace_printk";
    let size = a[1] as u32 as usize;
    if size == 0 {
        return Err(arg_err(N, 2, "is zero"));
    }
    let fmt = vm
        .read_bytes(a[0], size)
        .map_err(|e| arg_err(N, 1, format!("is not {size} readable bytes: {e}")))?;
    match super::printk::format(vm, &fmt, &[a[2], a[3], a[4]]) {
        Ok(line) => {
            let n = line.len();
            vm.world.print(line.trim_end_matches('\n'));
            ret(n as i64)
        }
        Err(e) => ret(e),
    }
}

/// `bpf_skb_pull_data(skb, len)`.
pub(crate) fn skb_pull_data(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    vm.check_ctx_ptr("bpf_skb_pull_data", 1, a[0])?;
    let r = vm.world.packet.skb_pull_data(a[1] as u32);
    vm.world.refresh_ctx();
    ret(r)
}

/// `bpf_xdp_adjust_head(xdp_md, delta)`.
pub(crate) fn xdp_adjust_head(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    vm.check_ctx_ptr("bpf_xdp_adjust_head", 1, a[0])?;
    ret(vm.world.packet.xdp_adjust_head(a[1] as i32))
}

/// `bpf_xdp_adjust_tail(xdp_md, delta)`.
pub(crate) fn xdp_adjust_tail(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    vm.check_ctx_ptr("bpf_xdp_adjust_tail", 1, a[0])?;
    ret(vm.world.packet.xdp_adjust_tail(a[1] as i32))
}

/// `bpf_ringbuf_output(ringbuf, data, size, flags)`.
pub(crate) fn ringbuf_output(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_ringbuf_output";
    let m = vm.ringbuf_arg(N, a[0])?;
    let size = a[2];
    let data = if size <= 1 << 24 {
        vm.read_bytes(a[1], size as usize)
            .map_err(|e| arg_err(N, 2, format!("is not {size} readable bytes: {e}")))?
    } else {
        Vec::new()
    };
    if a[3]
        & !(super::super::world::ringbuf::BPF_RB_NO_WAKEUP
            | super::super::world::ringbuf::BPF_RB_FORCE_WAKEUP)
        != 0
    {
        return ret(EINVAL);
    }
    let Some(rec) = vm.ringbuf_reserve(m, size)? else {
        return ret(EAGAIN);
    };
    vm.write_bytes(rec, &data)?;
    vm.ringbuf_commit(N, rec, a[3], false)?;
    ret(0)
}

/// `bpf_ringbuf_reserve(ringbuf, size, flags)`.
pub(crate) fn ringbuf_reserve(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let m = vm.ringbuf_arg("bpf_ringbuf_reserve", a[0])?;
    if a[2] != 0 {
        return ret(0);
    }
    Ok(HelperRet::Value(vm.ringbuf_reserve(m, a[1])?.unwrap_or(0)))
}

/// `bpf_ringbuf_submit(data, flags)`.
pub(crate) fn ringbuf_submit(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    vm.ringbuf_commit("bpf_ringbuf_submit", a[0], a[1], false)?;
    ret(0)
}

/// `bpf_ringbuf_discard(data, flags)`.
pub(crate) fn ringbuf_discard(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    vm.ringbuf_commit("bpf_ringbuf_discard", a[0], a[1], true)?;
    ret(0)
}

/// `bpf_ringbuf_query(ringbuf, flags)`.
pub(crate) fn ringbuf_query(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let m = vm.ringbuf_arg("bpf_ringbuf_query", a[0])?;
    let v = vm.world.maps[m].ringbuf().map_or(0, |rb| rb.query(a[1]));
    Ok(HelperRet::Value(v))
}

/// `bpf_loop(nr_loops, callback_fn, callback_ctx, flags)`.
///
/// The kernel's verifier (since v6.0, so in the 6.1 era too) inlines a
/// `bpf_loop` call whose callback is constant and whose `flags` is known to
/// be 0 (`optimize_bpf_loop`). The inlined code differs from the helper in
/// two ways: it compares the whole 64-bit `r1` with `BPF_MAX_LOOPS` (the
/// helper truncates `nr_loops` to `u32` first), and it sets -E2BIG with a
/// 32-bit move, so r0 is `0x00000000fffffff9`, not -7 sign-extended. A
/// callback is always a constant in the VM (an `ld_imm64` of a function),
/// so the rule here is: `flags == 0` at run time means the inlined
/// behaviour; any other `flags` is the helper's -EINVAL.
pub(crate) fn bpf_loop(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_loop";
    let func = vm.func_arg(N, 2, a[1])?;
    if a[3] != 0 {
        return ret(EINVAL);
    }
    // Inlined: `if r1 <= BPF_MAX_LOOPS goto +2; w0 = -E2BIG; goto end`.
    if a[0] > BPF_MAX_LOOPS {
        return Ok(HelperRet::Value(E2BIG as u32 as u64));
    }
    let nr_loops = a[0] as u32;
    if nr_loops == 0 {
        return ret(0);
    }
    Ok(HelperRet::Callback(Driver {
        helper: N,
        call_pc: vm.cur_insn,
        func,
        ctx: a[2],
        iteration: 0,
        last_ret: None,
        kind: DriverKind::Loop { nr_loops },
    }))
}

/// `bpf_get_smp_processor_id()`: the world's CPU.
pub(crate) fn get_smp_processor_id(vm: &mut Vm, _a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    Ok(HelperRet::Value(vm.world.config.cpu as u64))
}

const EFAULT: i64 = -14;
const ERANGE: i64 = -34;

/// Where a probe read looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    User,
    Kernel,
}

impl Vm {
    /// `len` bytes of the simulated address space at `addr`, or the error
    /// the kernel's `copy_from_{user,kernel}_nofault` gives. Kernel space is
    /// every object the VM hands the program a pointer to (stack, maps,
    /// context, packet, records; the bytes the VM holds, so a context reads
    /// as its UAPI structure) plus the world's `kernel_memory`; user space is
    /// the world's `user_memory` only.
    pub(crate) fn probe_bytes(&self, space: Space, addr: u64, len: usize) -> Result<Vec<u8>, i64> {
        match space {
            Space::Kernel => {
                if self.regions.decode(addr).is_some() {
                    // A read outside the object (or of stack the program
                    // never wrote) is a fault here: the kernel would read
                    // whatever lies next to it, which the VM does not have.
                    return self.read_bytes(addr, len).map_err(|_| EFAULT);
                }
                // `copy_from_kernel_nofault_allowed`: user addresses and
                // non-canonical ones are refused before any access.
                if addr < crate::world::KERNEL_SPACE_START || addr >> 47 != 0x1ffff {
                    return Err(ERANGE);
                }
                if len == 0 {
                    return Ok(Vec::new());
                }
                crate::world::read_range(&self.world.config.kernel_memory, addr, len)
                    .map(<[u8]>::to_vec)
                    .ok_or(EFAULT)
            }
            Space::User => {
                // `access_ok` (a size up to a page is checked at its start).
                let end_ok = if len <= 4096 {
                    addr <= crate::world::USER_SPACE_END
                } else {
                    addr.checked_add(len as u64)
                        .is_some_and(|e| e <= crate::world::USER_SPACE_END)
                };
                if !end_ok {
                    return Err(EFAULT);
                }
                if len == 0 {
                    return Ok(Vec::new());
                }
                crate::world::read_range(&self.world.config.user_memory, addr, len)
                    .map(<[u8]>::to_vec)
                    .ok_or(EFAULT)
            }
        }
    }

    /// One byte of the simulated address space (string reads).
    fn probe_byte(&self, space: Space, addr: u64) -> Option<u8> {
        self.probe_bytes(space, addr, 1).ok().map(|b| b[0])
    }
}

/// The output buffer of a probe read: checked whole before anything else,
/// since its size comes from a register.
fn probe_dst(vm: &Vm, name: &str, a: &[u64; 5]) -> Result<usize, FaultKind> {
    let size = a[1] as u32 as usize;
    vm.check_writable(a[0], size)
        .map_err(|e| arg_err(name, 1, e.to_string()))?;
    Ok(size)
}

/// `bpf_probe_read_{user,kernel}_common`: the bytes, or the error with the
/// buffer zeroed.
fn probe_read(vm: &mut Vm, a: &[u64; 5], name: &str, space: Space) -> Result<HelperRet, FaultKind> {
    let size = probe_dst(vm, name, a)?;
    match vm.probe_bytes(space, a[2], size) {
        Ok(bytes) => {
            vm.write_bytes(a[0], &bytes)?;
            ret(0)
        }
        Err(e) => {
            vm.write_bytes(a[0], &vec![0; size])?;
            ret(e)
        }
    }
}

/// `bpf_probe_read_user(dst, size, unsafe_ptr)`.
pub(crate) fn probe_read_user(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    probe_read(vm, a, "bpf_probe_read_user", Space::User)
}

/// `bpf_probe_read_kernel(dst, size, unsafe_ptr)`.
pub(crate) fn probe_read_kernel(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    probe_read(vm, a, "bpf_probe_read_kernel", Space::Kernel)
}

/// What a string copy function made: the bytes it wrote into the
/// destination (from its start) and what it returned.
pub(crate) struct StrCopy {
    pub bytes: Vec<u8>,
    pub ret: i64,
}

impl StrCopy {
    fn err(e: i64) -> StrCopy {
        StrCopy {
            bytes: Vec::new(),
            ret: e,
        }
    }
}

/// True when `addr` may be read as kernel memory at all
/// (`copy_from_kernel_nofault_allowed`): the VM's own objects, and canonical
/// upper-half addresses.
fn kernel_read_allowed(vm: &Vm, addr: u64) -> bool {
    vm.regions.decode(addr).is_some()
        || (addr >= crate::world::KERNEL_SPACE_START && addr >> 47 == 0x1ffff)
}

impl Vm {
    /// `strncpy_from_kernel_nofault(dst, src, count)`: byte by byte up to
    /// and including the NUL, at most `count` bytes, the last one then
    /// replaced by a NUL; returns the count. A fault leaves a NUL at the
    /// faulting position and returns -EFAULT.
    pub(crate) fn strncpy_from_kernel_nofault(&self, src: u64, count: usize) -> StrCopy {
        if count == 0 {
            return StrCopy::err(0);
        }
        if !kernel_read_allowed(self, src) {
            return StrCopy::err(ERANGE);
        }
        let mut bytes = Vec::with_capacity(count.min(256));
        for i in 0..count {
            let Some(b) = self.probe_byte(Space::Kernel, src.wrapping_add(i as u64)) else {
                bytes.push(0);
                return StrCopy { bytes, ret: EFAULT };
            };
            bytes.push(b);
            if b == 0 {
                break;
            }
        }
        if let Some(last) = bytes.last_mut() {
            *last = 0;
        }
        let ret = bytes.len() as i64;
        StrCopy { bytes, ret }
    }

    /// `strncpy_from_user(dst, src, count)`: the bytes written and the
    /// string's length without its NUL (`count` when none was found in
    /// `count` bytes, and then no NUL is written), or -EFAULT (the bytes a
    /// failed copy wrote are not modelled). While 8 or more bytes are left
    /// it copies whole words and masks the bytes after the NUL, so the rest
    /// of the NUL's word is written as zeros.
    pub(crate) fn strncpy_from_user(
        &self,
        src: u64,
        count: usize,
    ) -> Result<(Vec<u8>, usize), i64> {
        if count == 0 {
            return Ok((Vec::new(), 0));
        }
        if src > crate::world::USER_SPACE_END {
            return Err(EFAULT);
        }
        let mut bytes = Vec::with_capacity(count.min(256));
        for i in 0..count {
            let b = self
                .probe_byte(Space::User, src.wrapping_add(i as u64))
                .ok_or(EFAULT)?;
            bytes.push(b);
            if b == 0 {
                let start = i / 8 * 8;
                if start + 8 <= count
                    && self
                        .probe_bytes(Space::User, src.wrapping_add(start as u64), 8)
                        .is_ok()
                {
                    bytes.resize(start + 8, 0);
                }
                return Ok((bytes, i));
            }
        }
        Ok((bytes, count))
    }

    /// `strncpy_from_user_nofault(dst, src, count)`: the count with the NUL;
    /// a string of `count` bytes or more is cut, its last byte a NUL.
    pub(crate) fn strncpy_from_user_nofault(&self, src: u64, count: usize) -> StrCopy {
        match self.strncpy_from_user(src, count) {
            Err(e) => StrCopy::err(e),
            Ok((bytes, _)) if count == 0 => StrCopy { bytes, ret: 0 },
            Ok((mut bytes, n)) if n >= count => {
                bytes[count - 1] = 0;
                StrCopy {
                    bytes,
                    ret: count as i64,
                }
            }
            Ok((bytes, n)) => StrCopy {
                bytes,
                ret: n as i64 + 1,
            },
        }
    }

    /// `copy_user_str_sleepable` without a task: `strncpy_from_user` of
    /// `size - 1` bytes, then a NUL after what it copied; the count with the
    /// NUL.
    pub(crate) fn copy_user_str_sleepable(&self, src: u64, size: usize) -> StrCopy {
        if size == 0 {
            return StrCopy::err(0);
        }
        match self.strncpy_from_user(src, size - 1) {
            Err(e) => StrCopy::err(e),
            Ok((mut bytes, n)) => {
                if bytes.len() <= n {
                    bytes.resize(n + 1, 0);
                }
                bytes[n] = 0;
                StrCopy {
                    bytes,
                    ret: n as i64 + 1,
                }
            }
        }
    }

    /// `copy_from_user(dst, src, n)`: the bytes (those it could not copy
    /// zeroed) and how many it copied: the readable start of the user range
    /// `src` lies in.
    pub(crate) fn copy_from_user(&self, src: u64, n: usize) -> (Vec<u8>, usize) {
        let mut out = vec![0u8; n];
        let ok = src
            .checked_add(n as u64)
            .is_some_and(|end| end <= crate::world::USER_SPACE_END + 1);
        if !ok {
            return (out, 0);
        }
        let avail = self
            .world
            .config
            .user_memory
            .iter()
            .find_map(|r| {
                let o = usize::try_from(src.checked_sub(r.addr)?).ok()?;
                r.bytes.get(o..)
            })
            .unwrap_or(&[]);
        let copied = avail.len().min(n);
        out[..copied].copy_from_slice(&avail[..copied]);
        (out, copied)
    }
}

/// `bpf_probe_read_{user,kernel}_str_common`: 0 for a zero size; on an error
/// the whole buffer is zeroed; on success only the string's bytes are
/// written (and, for a user string, the rest of the 8-byte word the NUL
/// falls in), the rest of the buffer keeps what it held.
fn probe_read_str(
    vm: &mut Vm,
    a: &[u64; 5],
    name: &str,
    space: Space,
) -> Result<HelperRet, FaultKind> {
    let size = probe_dst(vm, name, a)?;
    if size == 0 {
        return ret(0);
    }
    let c = match space {
        Space::User => vm.strncpy_from_user_nofault(a[2], size),
        Space::Kernel => vm.strncpy_from_kernel_nofault(a[2], size),
    };
    if c.ret < 0 {
        vm.write_bytes(a[0], &vec![0; size])?;
    } else {
        vm.write_bytes(a[0], &c.bytes)?;
    }
    ret(c.ret)
}

/// `bpf_probe_read_user_str(dst, size, unsafe_ptr)`.
pub(crate) fn probe_read_user_str(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    probe_read_str(vm, a, "bpf_probe_read_user_str", Space::User)
}

/// `bpf_probe_read_kernel_str(dst, size, unsafe_ptr)`.
pub(crate) fn probe_read_kernel_str(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    probe_read_str(vm, a, "bpf_probe_read_kernel_str", Space::Kernel)
}

/// `bpf_strncmp(s1, s1_sz, s2)`: the kernel's generic `strncmp` over at most
/// `s1_sz` bytes, comparing unsigned bytes and stopping at a NUL; -1, 0 or 1.
/// The verifier proved `s1` holds `s1_sz` bytes and `s2` is a NUL-terminated
/// string of a read-only map.
pub(crate) fn strncmp(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_strncmp";
    let n = a[1] as u32 as usize;
    let s1 = vm
        .read_bytes(a[0], n)
        .map_err(|e| arg_err(N, 1, format!("is not {n} readable bytes: {e}")))?;
    for (i, &c1) in s1.iter().enumerate() {
        let mut c2 = [0u8; 1];
        vm.read_into(a[2].wrapping_add(i as u64), &mut c2)
            .map_err(|e| arg_err(N, 3, format!("is not a NUL-terminated string: {e}")))?;
        if c1 != c2[0] {
            return ret(if c1 < c2[0] { -1 } else { 1 });
        }
        if c1 == 0 {
            break;
        }
    }
    ret(0)
}
