//! The pre-existing helpers: maps, ring buffer, time, pid, random numbers,
//! `bpf_trace_printk`, the packet-changing helpers.

use super::test_util::*;
use super::tests_dynptr::{run_ok, run_ok_cfg, saved, P};
use super::{FaultKind, Vm, VmOptions};
use crate::isa::*;
use crate::program::{MapDef, MapOrigin, MapType, ProgType};
use crate::world::{RecordState, World, WorldConfig};

const EINVAL: i64 = -22;
const EAGAIN: i64 = -11;
const ENOENT: i64 = -2;
const EEXIST: i64 = -17;
const E2BIG: i64 = -7;
const ENOMEM: i64 = -12;

fn hash_map() -> MapDef {
    MapDef {
        name: "h".into(),
        map_type: MapType::Hash,
        key_size: 4,
        value_size: 8,
        max_entries: 1,
        initial_value: None,
        origin: MapOrigin::Declared,
        key_type: None,
        value_type: None,
        map_flags: 0,
    }
}

fn key_val(p: &mut P, key: i32, val: i32) -> &mut P {
    p.push(st(BPF_W, 10, -140, key))
        .push(st(BPF_DW, 10, -136, val))
}

#[test]
fn map_helpers() {
    let mut p = P::new();
    // hash: update with BPF_EXIST on a missing key, insert, duplicate, full
    key_val(&mut p, 1, 10);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 2)
        .call(2)
        .save(0);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 1)
        .call(2)
        .save(1);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 1)
        .call(2)
        .save(2);
    key_val(&mut p, 2, 20);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 0)
        .call(2)
        .save(3);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 4 | 8)
        .call(2)
        .save(4);
    // lookup of key 1, read through the pointer
    key_val(&mut p, 1, 0);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .call(1)
        .push(movr(7, 0))
        .push(ldx(BPF_DW, 0, 0, 0))
        .save(5);
    p.push(ld_map(1, 0)).fp(2, -140).call(3).save(6);
    p.push(ld_map(1, 0)).fp(2, -140).call(3).save(7);
    p.push(ld_map(1, 0)).fp(2, -140).call(1).save(8);
    // array: out of range lookup, delete
    p.push(ld_map(1, 1))
        .fp(2, -140)
        .push(st(BPF_W, 10, -140, 4))
        .call(1)
        .save(9);
    p.push(ld_map(1, 1)).fp(2, -140).call(3).save(10);
    let prog = p.finish(ProgType::Syscall, vec![hash_map(), array_map("a", 8, 4)]);
    let vm = run_ok(&prog);
    assert_eq!(
        (saved(&vm, 0), saved(&vm, 1), saved(&vm, 2)),
        (ENOENT, 0, EEXIST)
    );
    assert_eq!((saved(&vm, 3), saved(&vm, 4)), (E2BIG, EINVAL));
    assert_eq!(saved(&vm, 5), 10);
    assert_eq!(
        (saved(&vm, 6), saved(&vm, 7), saved(&vm, 8)),
        (0, ENOENT, 0)
    );
    assert_eq!((saved(&vm, 9), saved(&vm, 10)), (0, EINVAL));
    // A value pointer of a deleted element still reaches its slot, as in
    // the kernel (the verifier allows the access; the preallocated slot
    // goes back to the free list): the next update reuses the slot, and
    // the old pointer sees the new element (found by tests/soundness.rs).
    let mut p = P::new();
    key_val(&mut p, 1, 10);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 0)
        .call(2);
    p.push(ld_map(1, 0)).fp(2, -140).call(1).push(movr(7, 0));
    p.push(ld_map(1, 0)).fp(2, -140).call(3);
    p.push(ldx(BPF_DW, 0, 7, 0)).save(0);
    key_val(&mut p, 2, 20);
    p.push(ld_map(1, 0))
        .fp(2, -140)
        .fp(3, -136)
        .imm(4, 0)
        .call(2);
    p.push(ldx(BPF_DW, 0, 7, 0)).save(1);
    let vm = run_ok(&p.finish(ProgType::Syscall, vec![hash_map()]));
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (0, 20));
}

#[test]
fn ringbuf_helpers() {
    let mut p = P::new();
    p.push(ld_map(1, 0))
        .fp(2, -128)
        .imm(3, 8)
        .imm(4, 4)
        .call(130)
        .save(0);
    p.push(ld_map(1, 0))
        .fp(2, -128)
        .imm(3, 8)
        .imm(4, 0)
        .call(130)
        .save(1);
    p.push(ld_map(1, 0)).imm(2, 8).imm(3, 1).call(131).save(2);
    p.push(ld_map(1, 0))
        .imm(2, 4096)
        .imm(3, 0)
        .call(131)
        .save(3);
    p.push(ld_map(1, 0))
        .imm(2, 4000)
        .imm(3, 0)
        .call(131)
        .push(movr(6, 0))
        .save(4);
    p.push(ld_map(1, 0))
        .fp(2, -128)
        .imm(3, 64)
        .imm(4, 0)
        .call(130)
        .save(5);
    p.push(ld_map(1, 0)).imm(2, 0).call(134).save(6);
    p.push(ld_map(1, 0)).imm(2, 1).call(134).save(7);
    p.push(ld_map(1, 0)).imm(2, 3).call(134).save(8);
    p.push(movr(1, 6)).imm(2, 0).call(133);
    let vm = run_ok(p.finish(ProgType::Syscall, vec![ringbuf_map(4096)]));
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (EINVAL, 0));
    assert_eq!(
        (saved(&vm, 2), saved(&vm, 3)),
        (0, 0),
        "bad flags and too large give NULL"
    );
    assert_ne!(saved(&vm, 4), 0);
    assert_eq!(saved(&vm, 5), EAGAIN, "full");
    assert_eq!(
        (saved(&vm, 6), saved(&vm, 7), saved(&vm, 8)),
        (16 + 4008, 4096, 16 + 4008)
    );
    let rb = vm.world().maps[0].ringbuf().unwrap();
    assert_eq!(
        rb.records.iter().map(|r| r.state).collect::<Vec<_>>(),
        [RecordState::Submitted, RecordState::Discarded]
    );
    assert_eq!(rb.sample(&rb.records[0]), (0..8).collect::<Vec<u8>>());
    // A record is no longer writable once submitted.
    let mut p = P::new();
    p.push(ld_map(1, 0))
        .imm(2, 8)
        .imm(3, 0)
        .call(131)
        .push(movr(6, 0));
    p.push(movr(1, 6))
        .imm(2, 0)
        .call(132)
        .push(st(BPF_B, 6, 0, 1));
    let (r, _) = run(&p.finish(ProgType::Syscall, vec![ringbuf_map(4096)]));
    assert!(matches!(r.fault.unwrap().kind, FaultKind::Stale { .. }));
}

#[test]
fn ringbuf_wraps_after_the_consumer_moves() {
    // Two 2000-byte records fill the ring; the consumer drains them; the
    // next record crosses the end of the data area.
    let reserve_submit = |p: &mut P, fill: i32| {
        p.push(ld_map(1, 0))
            .imm(2, 2000)
            .imm(3, 0)
            .call(131)
            .push(movr(6, 0));
        p.push(jmp(BPF_JEQ, 0, 0, 5));
        p.push(st(BPF_B, 6, 0, fill)).push(st(BPF_B, 6, 1999, fill));
        p.push(movr(1, 6)).imm(2, 0).call(132);
    };
    let mut p = P::new();
    reserve_submit(&mut p, 1);
    reserve_submit(&mut p, 2);
    reserve_submit(&mut p, 3);
    let prog = p.finish(ProgType::Syscall, vec![ringbuf_map(4096)]);
    let vm = run_ok(&prog);
    assert_eq!(
        vm.world().maps[0].ringbuf().unwrap().records.len(),
        2,
        "the third does not fit"
    );
    let mut world: World = vm.world().clone();
    let drained = world.consume();
    assert_eq!(drained[0].1.len(), 2);
    let mut p = P::new();
    reserve_submit(&mut p, 9);
    let prog2 = p.finish(ProgType::Syscall, vec![ringbuf_map(4096)]);
    let mut vm = Vm::new(&prog2, world, VmOptions::default()).unwrap();
    assert!(vm.run().fault.is_none());
    let rb = vm.world().maps[0].ringbuf().unwrap();
    let last = rb.records.last().unwrap();
    assert_eq!(last.pos & rb.mask, 4016);
    assert_eq!(rb.sample(last)[1999], 9);
    let s = vm.snapshot();
    let rs = s.maps[0].ringbuf.as_ref().unwrap();
    assert_eq!(
        rs.records.iter().map(|r| r.state).collect::<Vec<_>>(),
        [
            RecordState::Consumed,
            RecordState::Consumed,
            RecordState::Submitted
        ]
    );
    assert_eq!(rs.records[2].bytes[0], 9);
}

#[test]
fn time_pid_random_and_printk() {
    let cfg = WorldConfig {
        pid: 7,
        tgid: 9,
        seed: 3,
        ..WorldConfig::default()
    };
    let mut p = P::new();
    p.call(14).save(0).call(7).save(1).call(5).save(2);
    // "a=%d b=%x c=%s %%\n"
    let fmt = b"a=%d b=%x c=%s %%\n\0\0\0\0\0\0";
    for (i, chunk) in fmt.chunks(8).enumerate() {
        p.push(lddw(1, u64::from_le_bytes(chunk.try_into().unwrap())))
            .push(stx(BPF_DW, 10, 1, -64 + 8 * i as i16));
    }
    p.push(st(BPF_DW, 10, -136, 0x6968)); // "hi"
    p.fp(1, -64)
        .imm(2, 19)
        .imm(3, -5)
        .imm(4, 255)
        .fp(5, -136)
        .call(6)
        .save(3);
    // a format without its NUL in fmt_size, and an unknown conversion
    p.fp(1, -64)
        .imm(2, 4)
        .imm(3, 0)
        .imm(4, 0)
        .imm(5, 0)
        .call(6)
        .save(4);
    p.push(st(BPF_DW, 10, -72, 0x7125)); // "%q"
    p.fp(1, -72)
        .imm(2, 3)
        .imm(3, 0)
        .imm(4, 0)
        .imm(5, 0)
        .call(6)
        .save(5);
    let prog = p.exit0();
    let vm = run_ok_cfg(&prog, &cfg);
    assert_eq!(saved(&vm, 0), 9 << 32 | 7);
    let again = run_ok_cfg(&prog, &cfg);
    assert_eq!(saved(&vm, 1), saved(&again, 1), "seeded");
    assert_eq!(
        saved(&vm, 2) as u64,
        cfg.clock_start_ns + 16 + 5,
        "the clock counts instructions"
    );
    assert_eq!(vm.world().trace, vec!["a=-5 b=ff c=hi %".to_string()]);
    assert_eq!(saved(&vm, 3), "a=-5 b=ff c=hi %\n".len() as i64);
    assert_eq!((saved(&vm, 4), saved(&vm, 5)), (EINVAL, EINVAL));
}

#[test]
fn packet_helpers() {
    let cfg = WorldConfig {
        packet: (0..40u8).collect(),
        frags: vec![vec![7; 20]],
        ..WorldConfig::default()
    };
    let mut p = P::new();
    p.push(movr(6, 1));
    p.push(movr(1, 6)).imm(2, 61).call(39).save(0);
    p.push(movr(1, 6)).imm(2, 50).call(39).save(1);
    p.push(ldx(BPF_W, 2, 6, 80))
        .push(ldx(BPF_W, 3, 6, 76))
        .push(alur(BPF_SUB, 2, 3))
        .push(movr(0, 2))
        .save(2);
    p.push(ldx(BPF_W, 0, 6, 0)).save(3);
    let vm = run_ok_cfg(&p.finish(ProgType::Tc, vec![]), &cfg);
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (ENOMEM, 0));
    assert_eq!(
        (saved(&vm, 2), saved(&vm, 3)),
        (50, 60),
        "data_end moved, len did not"
    );
    // xdp: adjust_tail grows and shrinks; availability is per program type.
    let mut p = P::new();
    p.push(movr(6, 1));
    p.push(movr(1, 6)).imm(2, 10).call(65).save(0);
    p.push(movr(1, 6)).imm(2, -30).call(65).save(1);
    p.push(ldx(BPF_W, 2, 6, 4))
        .push(ldx(BPF_W, 3, 6, 0))
        .push(alur(BPF_SUB, 2, 3))
        .push(movr(0, 2))
        .save(2);
    let vm = run_ok_cfg(
        &p.finish(ProgType::Xdp, vec![]),
        &WorldConfig {
            packet: (0..40u8).collect(),
            ..WorldConfig::default()
        },
    );
    assert_eq!((saved(&vm, 0), saved(&vm, 1), saved(&vm, 2)), (0, 0, 20));
    let mut p = P::new();
    p.imm(2, 0).call(44);
    let (r, _) = run(&p.finish(ProgType::Tc, vec![]));
    assert!(matches!(
        r.fault.unwrap().kind,
        FaultKind::NotAvailable { .. }
    ));
}

#[test]
fn get_current_comm_pads_and_cuts() {
    let stack = |vm: &Vm, off: i64, len: usize| {
        let o = (512 + off) as usize;
        vm.frames[0].stack[o..o + len].to_vec()
    };
    let mut p = P::new();
    // 0xff over both buffers, so the padding is seen to be written.
    for off in [-96, -88, -80, -72, -64, -56, -48, -40] {
        p.push(st(BPF_DW, 10, off, -1));
    }
    p.fp(1, -96).imm(2, 32).call(16).save(0);
    p.fp(1, -48).imm(2, 4).call(16).save(1);
    let prog = p.exit0();

    let vm = run_ok(&prog);
    assert_eq!((saved(&vm, 0), saved(&vm, 1)), (0, 0));
    let mut want = b"dynptr-play".to_vec();
    want.resize(32, 0);
    assert_eq!(stack(&vm, -96, 32), want, "NUL-padded to size_of_buf");
    assert_eq!(
        stack(&vm, -48, 8),
        [b'd', b'y', b'n', 0, 0xff, 0xff, 0xff, 0xff],
        "cut to size - 1, nothing after"
    );

    // The kernel keeps 15 bytes of a longer name.
    let cfg = WorldConfig {
        comm: "a-very-long-task-name".into(),
        ..WorldConfig::default()
    };
    let vm = run_ok_cfg(&prog, &cfg);
    let mut want = b"a-very-long-tas".to_vec();
    want.resize(32, 0);
    assert_eq!(stack(&vm, -96, 32), want);

    // The buffer must be writable as a whole; nothing is written otherwise.
    let mut p = P::new();
    p.fp(1, -8).imm(2, 16).call(16);
    let (r, _) = run_cfg(&p.exit0(), &WorldConfig::default());
    assert!(matches!(
        r.fault.map(|f| f.kind),
        Some(FaultKind::BadHelperArg { .. })
    ));
}

/// The 8 stack bytes at `r10 + off` as a little-endian u64.
fn stack_u64(vm: &Vm, off: i16) -> u64 {
    let o = (512 + off as i64) as usize;
    u64::from_le_bytes(vm.frames[0].stack[o..o + 8].try_into().unwrap())
}

#[test]
fn probe_reads_of_the_simulated_address_space() {
    use crate::world::{MemRange, DEFAULT_KERNEL_ADDR, DEFAULT_USER_ADDR};
    const EFAULT: i64 = -14;
    const ERANGE: i64 = -34;
    let user = DEFAULT_USER_ADDR as i64;
    let kernel = DEFAULT_KERNEL_ADDR as i64;
    let mut p = P::new();
    // dst at -16 (8 bytes), prefilled with 0x55 bytes before each read
    let pre = |p: &mut P| {
        p.push(lddw(1, 0x5555_5555_5555_5555))
            .push(stx(BPF_DW, 10, 1, -16));
    };
    pre(&mut p);
    p.fp(1, -16).imm(2, 8).imm(3, user).call(112).save(0); // "/usr/bin"
    p.push(ldx(BPF_DW, 0, 10, -16)).save(1);
    pre(&mut p);
    p.fp(1, -16).imm(2, 8).imm(3, user + 30).call(112).save(2); // past the range
    p.push(ldx(BPF_DW, 0, 10, -16)).save(3);
    p.fp(1, -16).imm(2, 8).imm(3, kernel).call(112).save(4); // not user space
    p.fp(1, -16).imm(2, 8).imm(3, kernel + 24).call(113).save(5); // the counter
    p.push(ldx(BPF_DW, 0, 10, -16)).save(6);
    p.fp(1, -16).imm(2, 8).imm(3, user).call(113).save(7); // user address
    p.fp(1, -16)
        .imm(2, 8)
        .imm(3, kernel + 0x10000)
        .call(113)
        .save(8); // unmapped
    p.fp(1, -16)
        .imm(2, 0)
        .imm(3, kernel + 0x10000)
        .call(113)
        .save(9); // size 0
    p.fp(1, -16).imm(2, 0).imm(3, 0).call(113).save(10); // size 0, NULL
                                                         // strings into -48..-32 (16 bytes), prefilled with 0x55
    let pre_str = |p: &mut P| {
        p.push(lddw(1, 0x5555_5555_5555_5555))
            .push(stx(BPF_DW, 10, 1, -48))
            .push(stx(BPF_DW, 10, 1, -40));
    };
    pre_str(&mut p);
    p.fp(1, -48).imm(2, 16).imm(3, user + 21).call(114).save(11); // "HOME=/root"
    p.push(ldx(BPF_DW, 0, 10, -40)).save(12);
    pre_str(&mut p);
    p.fp(1, -48).imm(2, 16).imm(3, kernel).call(115).save(13); // the banner, cut
    p.push(ldx(BPF_DW, 0, 10, -40)).save(14);
    pre_str(&mut p);
    p.fp(1, -48)
        .imm(2, 3)
        .imm(3, kernel + 14)
        .call(115)
        .save(15); // "6.18" cut to 3
    p.push(ldx(BPF_DW, 0, 10, -48)).save(16);
    p.fp(1, -48)
        .imm(2, 16)
        .imm(3, user + 0x1000)
        .call(114)
        .save(17);
    p.push(ldx(BPF_DW, 0, 10, -48)).save(18);
    p.fp(1, -48).imm(2, 16).imm(3, 0x1000).call(115).save(19);
    p.call(8).save(20);
    let prog = p.exit0();
    let cfg = WorldConfig {
        cpu: 3,
        ..WorldConfig::default()
    };
    let vm = run_ok_cfg(&prog, &cfg);
    assert_eq!(saved(&vm, 0), 0);
    assert_eq!(&saved(&vm, 1).to_le_bytes(), b"/usr/bin");
    assert_eq!((saved(&vm, 2), saved(&vm, 3)), (EFAULT, 0), "zeroed");
    assert_eq!(saved(&vm, 4), EFAULT);
    assert_eq!((saved(&vm, 5), saved(&vm, 6)), (0, 0x1122_3344_5566_7788));
    assert_eq!(
        (saved(&vm, 7), saved(&vm, 8), saved(&vm, 9), saved(&vm, 10)),
        (ERANGE, EFAULT, 0, ERANGE)
    );
    // "HOME=/root\0": 11 bytes; the NUL's word would reach past the range,
    // so no word copy masks the bytes after it: they keep their 0x55.
    assert_eq!(saved(&vm, 11), 11);
    assert_eq!(saved(&vm, 12) as u64, 0x5555_5555_5500_746f);
    // "Linux version 6.18" cut at 16: "...version 6.\0", nothing padded
    assert_eq!(saved(&vm, 13), 16);
    assert_eq!(&saved(&vm, 14).to_le_bytes(), b"rsion 6\0");
    assert_eq!(saved(&vm, 15), 3);
    assert_eq!(
        saved(&vm, 16) as u64 & 0xff_ffff,
        u32::from_le_bytes(*b"6.\0\0") as u64
    );
    assert_eq!((saved(&vm, 17), saved(&vm, 18)), (EFAULT, 0));
    assert_eq!(saved(&vm, 19), ERANGE);
    assert_eq!(saved(&vm, 20), 3);
    assert_eq!(stack_u64(&vm, -40), 0, "an error zeroes the whole buffer");
    // A world whose ranges are misplaced is refused.
    let bad = WorldConfig {
        kernel_memory: vec![MemRange {
            addr: 0x1000,
            bytes: vec![1],
        }],
        ..WorldConfig::default()
    };
    assert!(World::new(&prog, &bad).is_err());
}

#[test]
fn probe_and_copy_from_user_into_dynptrs() {
    use crate::world::{MemRange, DEFAULT_KERNEL_ADDR};
    const EFAULT: i64 = -14;
    const U: i64 = 0x10000;
    let mut hello = b"hello\0".to_vec();
    hello.extend_from_slice(&[b'x'; 10]);
    let cfg = WorldConfig {
        user_memory: vec![
            MemRange {
                addr: U as u64,
                bytes: hello,
            },
            MemRange {
                addr: 0x20000,
                bytes: b"ab".to_vec(),
            },
        ],
        ..WorldConfig::default()
    };
    let buf = super::tests_dynptr::BUF;
    let mut p = P::new();
    p.dynptr_from_mem(64, 0, -32);
    let call = |p: &mut P, name: &str, off: i64, size: i64, src: i64, slot: i16| {
        p.fp(1, -32)
            .imm(2, off)
            .imm(3, size)
            .imm(4, src)
            .kcall(name)
            .save(slot);
    };
    call(&mut p, "bpf_probe_read_user_str_dynptr", 0, 16, U, 0);
    call(&mut p, "bpf_copy_from_user_str_dynptr", 16, 4, U, 2);
    call(&mut p, "bpf_copy_from_user_dynptr", 24, 8, U + 12, 3);
    call(&mut p, "bpf_probe_read_user_dynptr", 32, 8, U + 12, 5);
    call(&mut p, "bpf_probe_read_user_str_dynptr", 40, 8, 0x20000, 6);
    call(
        &mut p,
        "bpf_probe_read_kernel_str_dynptr",
        48,
        8,
        DEFAULT_KERNEL_ADDR as i64,
        7,
    );
    call(&mut p, "bpf_probe_read_user_str_dynptr", 60, 8, U, 8);
    let prog = p.exit0();
    let vm = run_ok_cfg(&prog, &cfg);
    let word = |i: i16| stack_u64(&vm, buf + 8 * i).to_le_bytes();
    // "hello\0" and the rest of its word zeroed by the word-at-a-time copy
    assert_eq!(saved(&vm, 0), 6);
    assert_eq!(&word(0), b"hello\0\0\0");
    assert_eq!(word(1)[0], 8, "the next word is untouched");
    // size - 1 bytes of the string, then the NUL
    assert_eq!(saved(&vm, 2), 4);
    assert_eq!(&word(2)[..5], b"hel\0\x14");
    // copy_from_user copies the readable 4 bytes and zeroes the rest
    assert_eq!(saved(&vm, 3), EFAULT);
    assert_eq!(&word(3), b"xxxx\0\0\0\0");
    // the nofault read copies nothing
    assert_eq!(saved(&vm, 5), EFAULT);
    assert_eq!(word(4), [32, 33, 34, 35, 36, 37, 38, 39]);
    assert_eq!(saved(&vm, 6), EFAULT);
    assert_eq!(word(5)[0], 40);
    assert_eq!(saved(&vm, 7), 8);
    assert_eq!(&word(6), b"Linux v\0");
    assert_eq!(saved(&vm, 8), -7);
}
