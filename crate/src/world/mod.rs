//! The simulated kernel: context layouts, the packet, maps, the ring buffer,
//! globals, pid, clock and seeded random numbers. Everything a run sees
//! comes from a [`WorldConfig`], so the same configuration gives the same run.
pub mod c_value;
pub mod ctx;
pub mod globals;
pub mod maps;
pub mod packet;
pub mod ringbuf;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use maps::{Map, MapStore};
pub use packet::Packet;
pub use ringbuf::{Record, RecordState, RingBuf};

use crate::program::{MapOrigin, ProgType, Program};

/// What the world of a run looks like. Every field has a default, so `{}`
/// in JSON is a valid configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorldConfig {
    /// The packet's linear bytes, from the Ethernet header (default: a small
    /// Ethernet/IPv4/UDP frame). A cgroup_skb program sees it from the
    /// network header on, as the kernel's cgroup hooks do.
    pub packet: Vec<u8>,
    /// Bytes before the packet (`XDP_PACKET_HEADROOM` is 256).
    pub headroom: u32,
    /// Bytes after the packet that `bpf_xdp_adjust_tail` may grow into.
    pub tailroom: u32,
    /// Paged fragments after the linear part.
    pub frags: Vec<Vec<u8>>,
    /// Metadata in front of the packet (at most the headroom): what
    /// `bpf_dynptr_from_skb_meta` covers and an xdp program's `data_meta`
    /// points at. Empty by default, as in `BPF_PROG_TEST_RUN`.
    pub meta: Vec<u8>,
    /// Seed of `bpf_get_prandom_u32`.
    #[serde(with = "crate::vm::js_u64")]
    pub seed: u64,
    /// The current task's pid (thread id).
    pub pid: u32,
    /// The current task's tgid (process id).
    pub tgid: u32,
    /// The current task's name (`task->comm`, what `bpf_get_current_comm`
    /// copies). The kernel keeps at most 15 bytes and a NUL
    /// (`TASK_COMM_LEN` 16); longer names are cut there, as `set_task_comm`
    /// would cut them.
    pub comm: String,
    /// `bpf_ktime_get_ns` at the first instruction; the clock advances one
    /// nanosecond per executed instruction.
    #[serde(with = "crate::vm::js_u64")]
    pub clock_start_ns: u64,
    /// The arguments an opaque context (raw_tp, tp, syscall) holds, as u64s.
    #[serde(with = "crate::vm::js_u64::vec")]
    pub ctx_args: Vec<u64>,
    /// `ingress_ifindex` / `ifindex` of the packet's device.
    pub ifindex: u32,
    /// `rx_queue_index` of an xdp packet.
    pub rx_queue_index: u32,
    /// Initial `skb->mark`.
    pub mark: u32,
    /// Data size of ring buffers declared without a size.
    pub ringbuf_default_size: u32,
    /// The CPU the program runs on (`bpf_get_smp_processor_id`).
    pub cpu: u32,
    /// Readable ranges of the current task's user address space, the only
    /// memory `bpf_probe_read_user{,_str}` find; any other user address
    /// faults (-EFAULT).
    pub user_memory: Vec<MemRange>,
    /// Readable ranges of kernel memory besides the program's own objects
    /// (stack, maps, context, packet, ring buffer records), which
    /// `bpf_probe_read_kernel{,_str}` also read.
    pub kernel_memory: Vec<MemRange>,
}

/// A readable byte range at a fixed address of the simulated address space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemRange {
    /// First address.
    #[serde(with = "crate::vm::js_u64")]
    pub addr: u64,
    /// The bytes from `addr` on.
    pub bytes: Vec<u8>,
}

/// Start of the default user range: a page of the task's stack, where
/// `argv[0]` and the environment live.
pub const DEFAULT_USER_ADDR: u64 = 0x0000_7ffe_0000_0000;
/// Start of the default kernel range (in the direct map).
pub const DEFAULT_KERNEL_ADDR: u64 = 0xffff_8880_0100_0000;
/// `TASK_SIZE_MAX + PAGE_SIZE` on x86-64 with 4-level paging: reading the
/// kernel below it is refused with -ERANGE (`copy_from_kernel_nofault_allowed`).
pub const KERNEL_SPACE_START: u64 = 0x0000_8000_0000_0000;
/// Largest user address (`TASK_SIZE_MAX - 1`, 4-level paging): a user
/// access ending above it fails `access_ok` (-EFAULT).
pub const USER_SPACE_END: u64 = 0x0000_7fff_ffff_efff;

/// The default user memory: `argv[0]` and one environment string.
pub fn default_user_memory() -> Vec<MemRange> {
    vec![MemRange {
        addr: DEFAULT_USER_ADDR,
        bytes: b"/usr/bin/dynptr-play\0HOME=/root\0".to_vec(),
    }]
}

/// The default kernel memory: the banner string and a `u64` counter.
pub fn default_kernel_memory() -> Vec<MemRange> {
    let mut bytes = b"Linux version 6.18\0".to_vec();
    bytes.resize(24, 0);
    bytes.extend_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
    vec![MemRange {
        addr: DEFAULT_KERNEL_ADDR,
        bytes,
    }]
}

impl Default for WorldConfig {
    fn default() -> Self {
        WorldConfig {
            packet: packet::default_frame(),
            headroom: 256,
            tailroom: 256,
            frags: Vec::new(),
            meta: Vec::new(),
            seed: 0x5eed,
            pid: 4242,
            tgid: 4242,
            comm: "dynptr-play".to_string(),
            clock_start_ns: 1_000_000_000,
            ctx_args: Vec::new(),
            ifindex: 1,
            rx_queue_index: 0,
            mark: 0,
            ringbuf_default_size: 4096,
            cpu: 0,
            user_memory: default_user_memory(),
            kernel_memory: default_kernel_memory(),
        }
    }
}

/// Why a world cannot be built for a program.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorldError {
    /// A map definition the kernel would refuse.
    #[error("{0}")]
    BadMap(String),
    /// The packet does not fit the configuration.
    #[error("bad packet: {0}")]
    BadPacket(String),
    /// `set_global` got an unknown name or a value that does not fit.
    #[error("global {0}")]
    BadGlobal(String),
    /// A `user_memory` / `kernel_memory` range the address space cannot hold.
    #[error("bad memory range: {0}")]
    BadMemory(String),
}

/// Most bytes `user_memory` and `kernel_memory` may hold together.
pub const MAX_SIMULATED_MEMORY: usize = 1 << 20;

/// Checks the simulated address space of `cfg`: user ranges below
/// [`USER_SPACE_END`], kernel ranges in the canonical upper half (top 16
/// bits set, where the VM's own pointers never are), no wrap-around, at
/// most [`MAX_SIMULATED_MEMORY`] bytes.
fn check_memory(cfg: &WorldConfig) -> Result<(), WorldError> {
    let total: usize = cfg
        .user_memory
        .iter()
        .chain(&cfg.kernel_memory)
        .map(|r| r.bytes.len())
        .sum();
    if total > MAX_SIMULATED_MEMORY {
        return Err(WorldError::BadMemory(format!(
            "{total} bytes in user_memory and kernel_memory, at most {MAX_SIMULATED_MEMORY}"
        )));
    }
    for r in &cfg.user_memory {
        let end = r.addr.checked_add(r.bytes.len() as u64);
        if r.addr == 0 || end.is_none_or(|e| e > USER_SPACE_END + 1) {
            return Err(WorldError::BadMemory(format!(
                "user range at {:#x} ({} bytes) is not inside 0x1..={USER_SPACE_END:#x}",
                r.addr,
                r.bytes.len()
            )));
        }
    }
    for r in &cfg.kernel_memory {
        let end = r.addr.checked_add(r.bytes.len() as u64);
        if r.addr >> 48 != 0xffff || end.is_none() {
            return Err(WorldError::BadMemory(format!(
                "kernel range at {:#x} ({} bytes) is not inside 0xffff000000000000..",
                r.addr,
                r.bytes.len()
            )));
        }
    }
    Ok(())
}

/// The bytes `[addr, addr + len)` when one of `ranges` holds all of them.
pub fn read_range(ranges: &[MemRange], addr: u64, len: usize) -> Option<&[u8]> {
    ranges.iter().find_map(|r| {
        let o = usize::try_from(addr.checked_sub(r.addr)?).ok()?;
        r.bytes.get(o..o.checked_add(len)?)
    })
}

/// The simulated kernel state one run changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    /// The program type (decides the context and what the packet is).
    pub prog_type: ProgType,
    /// Maps and global sections, by the program's map index.
    pub maps: Vec<Map>,
    /// The packet (empty for non-packet program types).
    pub packet: Packet,
    /// Bytes of the context structure (`struct xdp_md`, `struct __sk_buff`,
    /// or the opaque argument block). Packet pointer fields read as pointers
    /// in the VM; these bytes hold the scalar fields.
    pub ctx: Vec<u8>,
    /// Lines printed by `bpf_trace_printk`.
    pub trace: Vec<String>,
    /// The configuration it was built from.
    pub config: WorldConfig,
    /// State of the random number generator.
    #[serde(with = "crate::vm::js_u64")]
    pub rng_state: u64,
    /// Reference ids handed out so far (ring buffer reservations).
    pub next_ref_id: u32,
    /// Trace lines dropped because [`MAX_TRACE_LINES`] were kept.
    pub trace_dropped: u64,
}

/// `TASK_COMM_LEN`: the size of `task->comm`, NUL included.
pub const TASK_COMM_LEN: usize = 16;

/// Lines of `bpf_trace_printk` output kept; older ones are dropped in
/// halves, as a bounded trace pipe would.
pub const MAX_TRACE_LINES: usize = 4096;

impl World {
    /// Builds the world of `prog` from `cfg`: maps (globals initialised from
    /// their image), the packet, the context.
    pub fn new(prog: &Program, cfg: &WorldConfig) -> Result<World, WorldError> {
        let maps = prog
            .maps
            .iter()
            .map(|d| Map::new(d, cfg.ringbuf_default_size).map_err(WorldError::BadMap))
            .collect::<Result<Vec<_>, _>>()?;
        if cfg.packet.len() > 65535
            || cfg.frags.iter().any(|f| f.len() > packet::FRAG_SIZE)
            || cfg.frags.len() > 17
        {
            return Err(WorldError::BadPacket(
                "at most 65535 linear bytes and 17 fragments of at most 4096 bytes".into(),
            ));
        }
        check_memory(cfg)?;
        if cfg.headroom > 4096 || cfg.tailroom > 4096 {
            return Err(WorldError::BadPacket(
                "headroom and tailroom are at most 4096 bytes".into(),
            ));
        }
        if cfg.meta.len() > cfg.headroom as usize || cfg.meta.len() > 255 {
            return Err(WorldError::BadPacket(format!(
                "{} bytes of metadata: at most 255, and no more than the headroom ({})",
                cfg.meta.len(),
                cfg.headroom
            )));
        }
        let mut packet = if prog.prog_type.has_packet() {
            Packet::new(
                &cfg.packet,
                cfg.headroom as usize,
                cfg.tailroom as usize,
                &cfg.frags,
            )
        } else {
            Packet::new(&[], 0, 0, &[])
        };
        // cgroup_skb programs run at L3: `eth_type_trans` has pulled the
        // Ethernet header, so skb->data is the network header (as in
        // BPF_PROG_TEST_RUN, which only pushes it back for tc).
        if prog.prog_type.skb_at_l3() && packet.headlen() >= packet::ETH_HLEN {
            packet.data += packet::ETH_HLEN;
            packet.data_meta = packet.data;
        }
        if prog.prog_type.has_packet() && !cfg.meta.is_empty() {
            let at = packet.data - cfg.meta.len();
            packet.buf[at..packet.data].copy_from_slice(&cfg.meta);
            packet.data_meta = at;
        }
        let mut w = World {
            prog_type: prog.prog_type,
            maps,
            packet,
            ctx: vec![0; ctx::ctx_size(prog.prog_type) as usize],
            trace: Vec::new(),
            config: cfg.clone(),
            rng_state: cfg.seed,
            next_ref_id: 1,
            trace_dropped: 0,
        };
        w.init_ctx();
        Ok(w)
    }

    fn put_ctx_u32(&mut self, name: &str, v: u32) {
        if let Some(f) = ctx::ctx_fields(self.prog_type)
            .iter()
            .find(|f| f.name == name)
        {
            let o = f.offset as usize;
            if let Some(dst) = self.ctx.get_mut(o..o + 4) {
                dst.copy_from_slice(&v.to_le_bytes());
            }
        }
    }

    fn init_ctx(&mut self) {
        let cfg = self.config.clone();
        match self.prog_type {
            ProgType::Xdp => {
                self.put_ctx_u32("ingress_ifindex", cfg.ifindex);
                self.put_ctx_u32("rx_queue_index", cfg.rx_queue_index);
            }
            ProgType::Tc | ProgType::CgroupSkb | ProgType::Socket => {
                self.put_ctx_u32("mark", cfg.mark);
                self.put_ctx_u32("ingress_ifindex", cfg.ifindex);
                self.put_ctx_u32("ifindex", cfg.ifindex);
                self.put_ctx_u32("family", 2);
            }
            ProgType::RawTp | ProgType::Tp | ProgType::Syscall => {
                for (i, a) in cfg.ctx_args.iter().enumerate() {
                    if let Some(dst) = self.ctx.get_mut(i * 8..i * 8 + 8) {
                        dst.copy_from_slice(&a.to_le_bytes());
                    }
                }
            }
        }
        self.refresh_ctx();
    }

    /// Recomputes the context fields derived from the packet (`len`,
    /// `protocol`, `wire_len`) after the packet changed.
    pub fn refresh_ctx(&mut self) {
        if self.prog_type.is_skb() {
            let len = self.packet.len() as u32;
            // skb->protocol is the big-endian EtherType, read as a u32; the
            // Ethernet header starts at data (tc) or 14 bytes before (cgroup_skb).
            let eth = if self.prog_type.skb_at_l3() {
                self.packet.data.checked_sub(packet::ETH_HLEN)
            } else {
                Some(self.packet.data)
            };
            let proto = eth
                .and_then(|e| self.packet.buf.get(e + 12..e + 14))
                .filter(|_| self.packet.data_end >= self.packet.data)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as u32);
            self.put_ctx_u32("len", len);
            self.put_ctx_u32("wire_len", len);
            self.put_ctx_u32("protocol", proto);
        }
    }

    /// Sets a global variable (by its name in `.bss`/`.data`/`.rodata`) to
    /// `value`, little-endian, truncated or zero-extended to its size.
    pub fn set_global(&mut self, prog: &Program, name: &str, value: u64) -> Result<(), WorldError> {
        let (idx, var) = prog
            .global_by_name(name)
            .ok_or_else(|| WorldError::BadGlobal(format!("{name} is unknown")))?;
        let (off, size) = (var.offset as usize, var.size as usize);
        let map = self
            .maps
            .get_mut(idx)
            .ok_or_else(|| WorldError::BadGlobal(format!("{name}: no map")))?;
        let dst = map
            .value_mut(0)
            .and_then(|v| v.get_mut(off..off + size))
            .ok_or_else(|| WorldError::BadGlobal(format!("{name} lies outside its section")))?;
        let bytes = value.to_le_bytes();
        for (i, b) in dst.iter_mut().enumerate() {
            *b = bytes.get(i).copied().unwrap_or(0);
        }
        Ok(())
    }

    /// Every global variable by name with its current bytes.
    pub fn globals(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for m in &self.maps {
            if let MapOrigin::Global { vars, .. } = &m.def.origin {
                let val = m.value(0).unwrap_or(&[]);
                for v in vars {
                    let (o, s) = (v.offset as usize, v.size as usize);
                    out.push((
                        v.name.clone(),
                        val.get(o..o + s).map(<[u8]>::to_vec).unwrap_or_default(),
                    ));
                }
            }
        }
        out
    }

    /// Appends a line of trace output.
    pub fn print(&mut self, line: &str) {
        if self.trace.len() >= MAX_TRACE_LINES {
            self.trace.drain(..MAX_TRACE_LINES / 2);
            self.trace_dropped += (MAX_TRACE_LINES / 2) as u64;
        }
        self.trace.push(line.to_string());
    }

    /// `bpf_get_prandom_u32`: the next number of a splitmix64 generator.
    pub fn next_random(&mut self) -> u32 {
        self.rng_state = self.rng_state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng_state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as u32
    }

    /// The current task's `comm` as the kernel stores it: at most
    /// `TASK_COMM_LEN - 1` (15) bytes, cut at the first NUL.
    pub fn comm(&self) -> &[u8] {
        let b = self.config.comm.as_bytes();
        let b = &b[..b.len().min(TASK_COMM_LEN - 1)];
        b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
    }

    /// `bpf_get_current_pid_tgid`.
    pub fn pid_tgid(&self) -> u64 {
        (self.config.tgid as u64) << 32 | self.config.pid as u64
    }

    /// `bpf_ktime_get_ns` after `steps` executed instructions.
    pub fn ktime_ns(&self, steps: u64) -> u64 {
        self.config.clock_start_ns.wrapping_add(steps)
    }

    /// A fresh reference id.
    pub fn acquire_ref_id(&mut self) -> u32 {
        let id = self.next_ref_id;
        self.next_ref_id += 1;
        id
    }

    /// Drains every ring buffer as user space would; returns, per ring
    /// buffer map index, the samples read.
    pub fn consume(&mut self) -> Vec<(usize, Vec<Vec<u8>>)> {
        self.maps
            .iter_mut()
            .enumerate()
            .filter_map(|(i, m)| m.ringbuf_mut().map(|rb| (i, rb.consume())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{GlobalVar, MapDef, MapType};

    fn prog_with_global() -> Program {
        let mut p = Program::from_insns("p", ProgType::Tc, vec![]);
        p.maps.push(MapDef {
            name: ".data".into(),
            map_type: MapType::Array,
            key_size: 4,
            value_size: 8,
            max_entries: 1,
            initial_value: Some(vec![1, 0, 0, 0, 2, 0, 0, 0]),
            origin: MapOrigin::Global {
                section: ".data".into(),
                vars: vec![
                    GlobalVar {
                        name: "a".into(),
                        offset: 0,
                        size: 4,
                        ty: None,
                    },
                    GlobalVar {
                        name: "b".into(),
                        offset: 4,
                        size: 4,
                        ty: None,
                    },
                ],
                read_only: false,
            },
            key_type: None,
            value_type: None,
            map_flags: 0,
        });
        p
    }

    #[test]
    fn globals_and_ctx() {
        let p = prog_with_global();
        let mut w = World::new(&p, &WorldConfig::default()).unwrap();
        assert_eq!(w.globals()[1], ("b".to_string(), vec![2, 0, 0, 0]));
        w.set_global(&p, "a", 0x1_0000_0007).unwrap();
        assert_eq!(w.globals()[0].1, vec![7, 0, 0, 0]);
        assert!(w.set_global(&p, "zz", 1).is_err());
        // __sk_buff.len and protocol (ETH_P_IP in network order).
        assert_eq!(&w.ctx[0..4], &(w.packet.len() as u32).to_le_bytes());
        assert_eq!(&w.ctx[16..20], &[0x08, 0x00, 0, 0]);
    }

    #[test]
    fn cgroup_skb_starts_at_the_network_header() {
        let mut p = prog_with_global();
        p.prog_type = ProgType::CgroupSkb;
        let w = World::new(&p, &WorldConfig::default()).unwrap();
        assert_eq!(w.packet.linear()[0], 0x45, "IPv4 version/IHL");
        assert_eq!(w.packet.len(), packet::default_frame().len() - 14);
        assert_eq!(&w.ctx[16..20], &[0x08, 0x00, 0, 0]);
    }

    #[test]
    fn reproducible_randoms() {
        let p = prog_with_global();
        let mut a = World::new(&p, &WorldConfig::default()).unwrap();
        let mut b = World::new(&p, &WorldConfig::default()).unwrap();
        let xs: Vec<u32> = (0..4).map(|_| a.next_random()).collect();
        let ys: Vec<u32> = (0..4).map(|_| b.next_random()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
    }

    #[test]
    fn config_defaults_from_empty_json() {
        let cfg: WorldConfig = serde_json::from_str("{\"seed\": 7}").unwrap();
        assert_eq!(cfg.seed, 7);
        assert_eq!(cfg.headroom, 256);
    }
}
