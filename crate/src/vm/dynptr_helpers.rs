//! The dynptr helpers 197..221, each written after its C body in the
//! specification (and, for the helpers the series did not touch, the
//! kernel of the same era with the skb/xdp dynptr patches): same checks in
//! the same order, same error codes, same writes to `struct bpf_dynptr_kern`.

use super::callbacks::{Driver, DriverKind};
use super::mem::RegionKind;
use super::{FaultKind, HelperRet, SliceTrack, Vm};
use crate::dynptr::{
    DynptrKind, DYNPTR_MAX_SIZE, DYNPTR_RDONLY_BIT, DYNPTR_SIZE_MASK, DYNPTR_TYPE_SHIFT,
};

pub(crate) const EINVAL: i64 = -22;
pub(crate) const E2BIG: i64 = -7;
pub(crate) const ERANGE: i64 = -34;
pub(crate) const EFAULT: i64 = -14;
/// Slices remembered for the snapshot (the oldest half goes when full).
const MAX_SLICES: usize = 512;

/// `struct bpf_dynptr_kern` as its 16 bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Kern {
    pub data: u64,
    pub size_raw: u32,
    pub offset: u32,
}

impl Kern {
    pub fn from_bytes(b: &[u8]) -> Kern {
        let mut d = [0u8; 8];
        let mut s = [0u8; 4];
        let mut o = [0u8; 4];
        if b.len() >= 16 {
            d.copy_from_slice(&b[0..8]);
            s.copy_from_slice(&b[8..12]);
            o.copy_from_slice(&b[12..16]);
        }
        Kern {
            data: u64::from_le_bytes(d),
            size_raw: u32::from_le_bytes(s),
            offset: u32::from_le_bytes(o),
        }
    }

    pub fn to_bytes(self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[0..8].copy_from_slice(&self.data.to_le_bytes());
        b[8..12].copy_from_slice(&self.size_raw.to_le_bytes());
        b[12..16].copy_from_slice(&self.offset.to_le_bytes());
        b
    }

    /// `__bpf_dynptr_get_size`.
    pub fn size(self) -> u32 {
        self.size_raw & DYNPTR_SIZE_MASK
    }

    /// `__bpf_dynptr_is_rdonly`.
    pub fn rdonly(self) -> bool {
        self.size_raw & DYNPTR_RDONLY_BIT != 0
    }

    /// `bpf_dynptr_get_type`: `None` for `BPF_DYNPTR_TYPE_INVALID` and
    /// values no kind has.
    pub fn kind(self) -> Option<DynptrKind> {
        DynptrKind::from_kernel_value((self.size_raw & !DYNPTR_RDONLY_BIT) >> DYNPTR_TYPE_SHIFT)
    }

    /// `bpf_dynptr_init`.
    pub fn init(data: u64, kind: DynptrKind, offset: u32, size: u32) -> Kern {
        Kern {
            data,
            size_raw: size | kind.kernel_value() << DYNPTR_TYPE_SHIFT,
            offset,
        }
    }

    /// `bpf_dynptr_set_size`: keeps the type and read-only bits.
    pub fn set_size(&mut self, new_size: u32) {
        let metadata = self.size_raw & !DYNPTR_SIZE_MASK;
        self.size_raw = new_size | metadata;
    }
}

/// `bpf_dynptr_check_size`.
pub(crate) fn check_size(size: u32) -> i64 {
    if size > DYNPTR_MAX_SIZE {
        E2BIG
    } else {
        0
    }
}

/// `bpf_dynptr_check_off_len`.
pub(crate) fn check_off_len(k: Kern, offset: u32, len: u32) -> i64 {
    let size = k.size();
    if len > size || offset > size - len {
        E2BIG
    } else {
        0
    }
}

/// `bpf_dynptr_adjust` of the specification (the static helper behind
/// advance, trim, clone and the iterator).
pub(crate) fn adjust(k: &mut Kern, off_inc: u32, sz_dec: u32) -> i64 {
    if k.data == 0 {
        return EINVAL;
    }
    let size = k.size();
    if sz_dec > size {
        return ERANGE;
    }
    if off_inc != 0 {
        if off_inc > size {
            return ERANGE;
        }
        let Some(new_off) = k.offset.checked_add(off_inc) else {
            return ERANGE;
        };
        k.offset = new_off;
    }
    k.set_size(size - sz_dec);
    0
}

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
    /// Reads the dynptr at `addr`.
    pub(crate) fn read_kern(&self, addr: u64) -> Result<Kern, FaultKind> {
        let mut b = [0u8; 16];
        self.read_into(addr, &mut b)?;
        Ok(Kern::from_bytes(&b))
    }

    /// Writes the dynptr at `addr` (a helper's write: the kernel may change
    /// the copy it hands to an iterator callback).
    pub(crate) fn write_kern(&mut self, addr: u64, k: Kern) -> Result<(), FaultKind> {
        if let Some((RegionKind::KernelDynptr { id }, 0)) = self.regions.decode(addr) {
            if let Some(slot) = self.kdynptrs.get_mut(id as usize).filter(|s| s.alive) {
                slot.bytes = k.to_bytes();
                return Ok(());
            }
        }
        self.write_bytes(addr, &k.to_bytes())
    }

    /// `bpf_dynptr_set_null`.
    pub(crate) fn set_null(&mut self, addr: u64) -> Result<(), FaultKind> {
        self.write_kern(addr, Kern::default())
    }

    /// Records that a helper initialised the dynptr at `addr`.
    pub(crate) fn track_dynptr(
        &mut self,
        addr: u64,
        origin: &'static str,
        cloned_from: Option<u64>,
    ) {
        // Forget dynptrs whose memory is gone (returned frames, finished
        // iterators), so long runs do not pile them up.
        let dynptrs = std::mem::take(&mut self.dynptrs);
        self.dynptrs = dynptrs
            .into_iter()
            .filter(|d| d.addr != addr && self.memory_alive(d.addr))
            .collect();
        self.dynptrs.push(super::DynptrTrack {
            addr,
            origin,
            insn: self.cur_insn,
            cloned_from,
        });
    }

    /// Records a data slice handed out.
    pub(crate) fn track_slice(&mut self, dynptr: u64, ptr: u64, len: u32, helper: &'static str) {
        if ptr != 0 {
            if self.slices.len() >= MAX_SLICES {
                self.slices.drain(..MAX_SLICES / 2);
            }
            self.slices.push(SliceTrack {
                dynptr,
                ptr,
                len,
                helper,
                insn: self.cur_insn,
            });
        }
    }

    /// True while the stack frame or kernel dynptr `addr` lives in exists.
    fn memory_alive(&self, addr: u64) -> bool {
        match self.regions.decode(addr) {
            Some((RegionKind::Stack { frame }, _)) => self.frames.iter().any(|f| f.uid == frame),
            Some((RegionKind::KernelDynptr { id }, _)) => {
                self.kdynptrs.get(id as usize).is_some_and(|k| k.alive)
            }
            Some(_) => true,
            None => false,
        }
    }

    /// The packet-carrying context a skb/xdp dynptr's `data` must be.
    pub(crate) fn check_ctx_ptr(&self, helper: &str, arg: u8, v: u64) -> Result<(), FaultKind> {
        match self.regions.decode(v) {
            Some((RegionKind::Ctx, 0)) => Ok(()),
            _ => Err(arg_err(
                helper,
                arg,
                format!("{v:#x} is not the context pointer"),
            )),
        }
    }

    /// A pointer to packet byte `off` (from `data`), in the current
    /// generation: into the linear part or a fragment.
    pub(crate) fn packet_ptr(&mut self, off: usize, len: usize) -> Result<u64, FaultKind> {
        let gen = self.world.packet.generation;
        match self.world.packet.contiguous(off, len) {
            Some(None) => {
                let at = (self.world.packet.data + off) as i64;
                self.regions.ptr(RegionKind::Packet { gen }, at)
            }
            Some(Some((f, o))) => self
                .regions
                .ptr(RegionKind::Frag { gen, idx: f as u32 }, o as i64),
            None => Ok(0),
        }
    }

    /// A pointer to `len` bytes of the skb metadata area at `off`, or 0.
    pub(crate) fn meta_ptr(&mut self, off: usize, len: usize) -> Result<u64, FaultKind> {
        let p = &self.world.packet;
        if off.checked_add(len).is_none_or(|end| end > p.meta_len()) {
            return Ok(0);
        }
        let at = (p.data_meta + off) as i64;
        let gen = p.generation;
        self.regions.ptr(RegionKind::Packet { gen }, at)
    }

    fn init_dynptr(
        &mut self,
        addr: u64,
        k: Kern,
        origin: &'static str,
        from: Option<u64>,
    ) -> Result<(), FaultKind> {
        self.write_kern(addr, k)?;
        self.track_dynptr(addr, origin, from);
        Ok(())
    }

    fn null_dynptr(
        &mut self,
        addr: u64,
        origin: &'static str,
        err: i64,
    ) -> Result<HelperRet, FaultKind> {
        self.set_null(addr)?;
        self.track_dynptr(addr, origin, None);
        ret(err)
    }

    /// Reads `len` bytes of a skb/xdp dynptr's packet at `off` for the
    /// read helpers; `Err(code)` as `__bpf_skb_load_bytes` /
    /// `__bpf_xdp_load_bytes` return.
    fn packet_load(&self, kind: DynptrKind, off: u32, len: u32) -> Result<Vec<u8>, i64> {
        match kind {
            DynptrKind::SkbMeta => self
                .world
                .packet
                .read_meta(off as usize, len as usize)
                .ok_or(EFAULT),
            DynptrKind::Skb => {
                if off > 0xffff {
                    return Err(EFAULT);
                }
                self.world
                    .packet
                    .read(off as usize, len as usize)
                    .ok_or(EFAULT)
            }
            _ => {
                if off > 0xffff || len > 0xffff {
                    return Err(EFAULT);
                }
                self.world
                    .packet
                    .read(off as usize, len as usize)
                    .ok_or(EINVAL)
            }
        }
    }
}

/// `bpf_dynptr_from_mem(data, size, flags, ptr)`.
pub(crate) fn dynptr_from_mem(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_from_mem";
    let (data, size, flags, ptr) = (a[0], a[1] as u32, a[2], a[3]);
    let err = check_size(size);
    if err != 0 {
        return vm.null_dynptr(ptr, N, err);
    }
    if flags != 0 {
        return vm.null_dynptr(ptr, N, EINVAL);
    }
    // ARG_PTR_TO_UNINIT_MEM with ARG_CONST_SIZE_OR_ZERO: the verifier makes
    // sure `size` bytes at `data` are the program's to write.
    vm.check_writable(data, size as usize)
        .map_err(|e| arg_err(N, 1, format!("is not {size} bytes of writable memory: {e}")))?;
    vm.init_dynptr(ptr, Kern::init(data, DynptrKind::Local, 0, size), N, None)?;
    ret(0)
}

/// `bpf_ringbuf_reserve_dynptr(ringbuf, size, flags, ptr)`.
pub(crate) fn ringbuf_reserve_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_ringbuf_reserve_dynptr";
    let (map, size, flags, ptr) = (vm.ringbuf_arg(N, a[0])?, a[1] as u32, a[2], a[3]);
    if flags != 0 {
        return vm.null_dynptr(ptr, N, EINVAL);
    }
    let err = check_size(size);
    if err != 0 {
        return vm.null_dynptr(ptr, N, err);
    }
    let Some(sample) = vm.ringbuf_reserve(map, size as u64)? else {
        return vm.null_dynptr(ptr, N, EINVAL);
    };
    vm.init_dynptr(
        ptr,
        Kern::init(sample, DynptrKind::Ringbuf, 0, size),
        N,
        None,
    )?;
    ret(0)
}

fn ringbuf_commit_dynptr(vm: &mut Vm, a: &[u64; 5], discard: bool) -> Result<HelperRet, FaultKind> {
    let n = if discard {
        "bpf_ringbuf_discard_dynptr"
    } else {
        "bpf_ringbuf_submit_dynptr"
    };
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(0);
    }
    vm.ringbuf_commit(n, k.data, a[1], discard)?;
    vm.set_null(a[0])?;
    ret(0)
}

/// `bpf_ringbuf_submit_dynptr(ptr, flags)`.
pub(crate) fn ringbuf_submit_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    ringbuf_commit_dynptr(vm, a, false)
}

/// `bpf_ringbuf_discard_dynptr(ptr, flags)`.
pub(crate) fn ringbuf_discard_dynptr(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    ringbuf_commit_dynptr(vm, a, true)
}

/// `__bpf_dynptr_read(dst, len, src, offset, flags)` without the
/// destination: the bytes, or the error code (an skb read's error clears
/// the caller's buffer, which the caller does).
pub(crate) fn read_dynptr(
    vm: &Vm,
    name: &str,
    src: Kern,
    offset: u32,
    len: u32,
    flags: u64,
) -> Result<Result<Vec<u8>, i64>, FaultKind> {
    if src.data == 0 || flags != 0 {
        return Ok(Err(EINVAL));
    }
    let err = check_off_len(src, offset, len);
    if err != 0 {
        return Ok(Err(err));
    }
    let off = src.offset.wrapping_add(offset);
    match src.kind() {
        Some(DynptrKind::Local | DynptrKind::Ringbuf) => Ok(Ok(vm
            .read_small(src.data.wrapping_add(off as u64), len as usize)?
            .to_vec())),
        Some(kind @ (DynptrKind::Skb | DynptrKind::Xdp | DynptrKind::SkbMeta)) => {
            vm.check_ctx_ptr(name, 1, src.data)?;
            Ok(vm.packet_load(kind, off, len))
        }
        None => Ok(Err(EFAULT)),
    }
}

/// `__bpf_dynptr_write(dst, offset, src, len, flags)`: 0 or the error code.
pub(crate) fn write_dynptr(
    vm: &mut Vm,
    name: &str,
    dst: Kern,
    offset: u32,
    bytes: &[u8],
    flags: u64,
) -> Result<i64, FaultKind> {
    let len = bytes.len() as u32;
    if dst.data == 0 || dst.rdonly() {
        return Ok(EINVAL);
    }
    let err = check_off_len(dst, offset, len);
    if err != 0 {
        return Ok(err);
    }
    let off = dst.offset.wrapping_add(offset);
    match dst.kind() {
        Some(DynptrKind::Local | DynptrKind::Ringbuf) => {
            if flags != 0 {
                return Ok(EINVAL);
            }
            vm.write_bytes(dst.data.wrapping_add(off as u64), bytes)?;
            Ok(0)
        }
        Some(DynptrKind::Skb) => {
            vm.check_ctx_ptr(name, 1, dst.data)?;
            // __bpf_skb_store_bytes
            if flags & !(1 | 2) != 0 {
                return Ok(EINVAL);
            }
            if off > i32::MAX as u32 {
                return Ok(EFAULT);
            }
            let ok = vm
                .world
                .packet
                .skb_make_writable((off as usize).saturating_add(len as usize));
            vm.world.refresh_ctx();
            if !ok {
                return Ok(EFAULT);
            }
            vm.world.packet.write(off as usize, bytes);
            Ok(0)
        }
        Some(DynptrKind::Xdp) => {
            vm.check_ctx_ptr(name, 1, dst.data)?;
            if flags != 0 {
                return Ok(EINVAL);
            }
            // __bpf_xdp_store_bytes -> bpf_xdp_pointer's checks
            if off > 0xffff || len > 0xffff {
                return Ok(EFAULT);
            }
            if !vm.world.packet.write(off as usize, bytes) {
                return Ok(EINVAL);
            }
            Ok(0)
        }
        Some(DynptrKind::SkbMeta) => {
            vm.check_ctx_ptr(name, 1, dst.data)?;
            // bpf_skb_meta_store_bytes
            if flags != 0 {
                return Ok(EINVAL);
            }
            if !vm.world.packet.write_meta(off as usize, bytes) {
                return Ok(EFAULT);
            }
            Ok(0)
        }
        None => Ok(EFAULT),
    }
}

/// `bpf_dynptr_read(dst, len, src, offset, flags)`.
pub(crate) fn dynptr_read(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_read";
    let (dst, len, offset, flags) = (a[0], a[1] as u32, a[3] as u32, a[4]);
    vm.check_writable(dst, len as usize)
        .map_err(|e| arg_err(N, 1, format!("is not {len} writable bytes: {e}")))?;
    let src = vm.read_kern(a[2])?;
    match read_dynptr(vm, N, src, offset, len, flags)? {
        Ok(bytes) => {
            vm.write_bytes(dst, &bytes)?;
            ret(0)
        }
        Err(e) => {
            // __bpf_skb_load_bytes clears the buffer on error.
            if src.data != 0 && flags == 0 && e != E2BIG && src.kind() == Some(DynptrKind::Skb) {
                vm.write_bytes(dst, &vec![0; len as usize])?;
            }
            ret(e)
        }
    }
}

/// `bpf_dynptr_write(dst, offset, src, len, flags)`.
pub(crate) fn dynptr_write(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_write";
    let (offset, src, len, flags) = (a[1] as u32, a[2], a[3] as u32, a[4]);
    let bytes = vm
        .read_small(src, len as usize)
        .map_err(|e| arg_err(N, 3, format!("is not {len} readable bytes: {e}")))?;
    let dst = vm.read_kern(a[0])?;
    ret(write_dynptr(vm, N, dst, offset, &bytes, flags)?)
}

/// `bpf_dynptr_data(ptr, offset, len)`.
pub(crate) fn dynptr_data(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_data";
    let (offset, len) = (a[1] as u32, a[2] as u32);
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(0);
    }
    if check_off_len(k, offset, len) != 0 {
        return ret(0);
    }
    let off = k.offset.wrapping_add(offset);
    if k.kind().is_some_and(|t| t.is_packet()) && !vm.opts.packet_dynptr_data {
        // Upstream: "skb and xdp dynptrs should use bpf_dynptr_slice".
        return ret(0);
    }
    let p = match k.kind() {
        Some(DynptrKind::Local | DynptrKind::Ringbuf) => {
            if k.rdonly() {
                return ret(0);
            }
            k.data.wrapping_add(off as u64)
        }
        Some(DynptrKind::Skb) => {
            vm.check_ctx_ptr(N, 1, k.data)?;
            // If the data is paged, the caller needs to pull it first.
            if off as u64 + len as u64 > vm.world.packet.headlen() as u64 {
                return ret(0);
            }
            vm.packet_ptr(off as usize, len as usize)?
        }
        Some(DynptrKind::Xdp) => {
            vm.check_ctx_ptr(N, 1, k.data)?;
            // bpf_xdp_pointer: NULL across fragments; its error pointers
            // (offset or len above 0xffff) are treated as NULL here.
            if off > 0xffff || len > 0xffff {
                return ret(0);
            }
            vm.packet_ptr(off as usize, len as usize)?
        }
        // Upstream's bpf_dynptr_data gives no pointer into the metadata:
        // slices do.
        Some(DynptrKind::SkbMeta) | None => return ret(0),
    };
    vm.track_slice(a[0], p, len, N);
    Ok(HelperRet::Value(p))
}

/// `bpf_dynptr_from_skb_meta(skb, flags, ptr)`: a dynptr over the skb's
/// metadata area.
pub(crate) fn dynptr_from_skb_meta(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_from_skb_meta";
    vm.check_ctx_ptr(N, 1, a[0])?;
    if a[1] != 0 {
        return vm.null_dynptr(a[2], N, EINVAL);
    }
    let len = vm.world.packet.meta_len() as u32;
    let mut k = Kern::init(a[0], DynptrKind::SkbMeta, 0, len);
    if !vm.world.prog_type.may_write_packet() {
        k.size_raw |= DYNPTR_RDONLY_BIT;
    }
    vm.init_dynptr(a[2], k, N, None)?;
    ret(0)
}

/// `bpf_dynptr_from_skb(skb, flags, ptr)` (helper 212 and the kfunc).
pub(crate) fn dynptr_from_skb(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_from_skb";
    vm.check_ctx_ptr(N, 1, a[0])?;
    if a[1] != 0 {
        return vm.null_dynptr(a[2], N, EINVAL);
    }
    let mut k = Kern::init(a[0], DynptrKind::Skb, 0, vm.world.packet.len() as u32);
    // Program types that may not write packet data get a read-only dynptr
    // (the kernel's bpf_dynptr_from_skb_rdonly).
    if !vm.world.prog_type.may_write_packet() {
        k.size_raw |= DYNPTR_RDONLY_BIT;
    }
    vm.init_dynptr(a[2], k, N, None)?;
    ret(0)
}

/// `bpf_dynptr_from_xdp(xdp, flags, ptr)` (helper 213 and the kfunc).
pub(crate) fn dynptr_from_xdp(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_from_xdp";
    vm.check_ctx_ptr(N, 1, a[0])?;
    if a[1] != 0 {
        return vm.null_dynptr(a[2], N, EINVAL);
    }
    let k = Kern::init(a[0], DynptrKind::Xdp, 0, vm.world.packet.len() as u32);
    vm.init_dynptr(a[2], k, N, None)?;
    ret(0)
}

fn adjust_in_place(
    vm: &mut Vm,
    addr: u64,
    off_inc: u32,
    sz_dec: u32,
) -> Result<HelperRet, FaultKind> {
    let mut k = vm.read_kern(addr)?;
    let err = adjust(&mut k, off_inc, sz_dec);
    if err == 0 {
        vm.write_kern(addr, k)?;
    }
    ret(err)
}

/// `bpf_dynptr_advance(ptr, len)`.
pub(crate) fn dynptr_advance(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    adjust_in_place(vm, a[0], a[1] as u32, a[1] as u32)
}

/// `bpf_dynptr_trim(ptr, len)`.
pub(crate) fn dynptr_trim(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    adjust_in_place(vm, a[0], 0, a[1] as u32)
}

/// `bpf_dynptr_is_null(ptr)` (helper and kfunc).
pub(crate) fn dynptr_is_null(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    ret((k.data == 0) as i64)
}

/// `bpf_dynptr_is_rdonly(ptr)` (helper and kfunc).
pub(crate) fn dynptr_is_rdonly(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(0);
    }
    ret(k.rdonly() as i64)
}

/// `bpf_dynptr_get_size(ptr)`.
pub(crate) fn dynptr_get_size(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(EINVAL);
    }
    ret(k.size() as i64)
}

/// `bpf_dynptr_get_offset(ptr)`.
pub(crate) fn dynptr_get_offset(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    if k.data == 0 {
        return ret(EINVAL);
    }
    ret(k.offset as i64)
}

/// `____bpf_dynptr_clone(ptr, clone, offset)`: the value the helper returns.
pub(crate) fn clone_into(ptr: Kern, offset: u32) -> (Kern, i64) {
    if ptr.data == 0 {
        return (Kern::default(), EINVAL);
    }
    let mut c = ptr;
    if offset != 0 {
        let err = adjust(&mut c, offset, offset);
        if err != 0 {
            return (Kern::default(), err);
        }
    }
    (c, 0)
}

/// `bpf_dynptr_clone(ptr, clone, offset)`.
pub(crate) fn dynptr_clone(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    let k = vm.read_kern(a[0])?;
    let (c, err) = clone_into(k, a[2] as u32);
    let from = (err == 0).then_some(a[0]);
    vm.init_dynptr(a[1], c, "bpf_dynptr_clone", from)?;
    ret(err)
}

/// `bpf_dynptr_iterator(ptr, callback_fn, callback_ctx, flags)`.
pub(crate) fn dynptr_iterator(vm: &mut Vm, a: &[u64; 5]) -> Result<HelperRet, FaultKind> {
    const N: &str = "bpf_dynptr_iterator";
    let func = vm.func_arg(N, 2, a[1])?;
    let k = vm.read_kern(a[0])?;
    if a[3] != 0 {
        return ret(EINVAL);
    }
    let (copy, err) = clone_into(k, 0);
    if err != 0 {
        return ret(err);
    }
    if copy.size_raw == 0 {
        return ret(0);
    }
    let id = vm.alloc_kdynptr(copy)?;
    let addr = vm.kdynptr_ptr(id)?;
    vm.track_dynptr(addr, N, Some(a[0]));
    Ok(HelperRet::Callback(Driver {
        helper: N,
        call_pc: vm.cur_insn,
        func,
        ctx: a[2],
        iteration: 0,
        last_ret: None,
        kind: DriverKind::DynptrIter { copy: id },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjust_order_of_checks() {
        let mut null = Kern::default();
        assert_eq!(adjust(&mut null, 0, 0), EINVAL);
        let base = Kern::init(0xff00_0001_8000_0000, DynptrKind::Local, 0, 10);
        let mut k = base;
        assert_eq!(adjust(&mut k, 0, 11), ERANGE);
        assert_eq!(adjust(&mut k, 11, 0), ERANGE);
        assert_eq!(k, base, "errors leave the dynptr alone");
        assert_eq!(adjust(&mut k, 4, 4), 0);
        assert_eq!(
            (k.offset, k.size(), k.kind()),
            (4, 6, Some(DynptrKind::Local))
        );
        let mut ovf = Kern {
            offset: u32::MAX - 1,
            ..base
        };
        assert_eq!(adjust(&mut ovf, 5, 0), ERANGE);
    }

    #[test]
    fn off_len_checks() {
        let k = Kern::init(1, DynptrKind::Local, 0, 8);
        assert_eq!(check_off_len(k, 0, 8), 0);
        assert_eq!(check_off_len(k, 1, 8), E2BIG);
        assert_eq!(check_off_len(k, 9, 0), E2BIG);
        assert_eq!(check_off_len(k, 8, 0), 0);
        assert_eq!(check_size(DYNPTR_MAX_SIZE + 1), E2BIG);
    }
}
