//! This VM against the `rbpf` crate's interpreter, on the same bytecode in
//! the same run: an ALU loop, a memory loop, and a dynptr read/write loop
//! (helpers 197, 201, 202; for rbpf they are registered as host functions
//! that do what the specification's C code does). Criterion's throughput is
//! in instructions executed, so its "elem/s" are instructions per second;
//! the README reports ns per instruction and the ratio.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dynptr_play::asm;
use dynptr_play::isa;
use dynptr_play::program::Program;
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::{World, WorldConfig};

/// Pure ALU: a xorshift-style mix, 100 000 rounds. (64-bit only: rbpf 0.3
/// sign-extends negative 32-bit products, which RFC 9669 zero-extends.)
const ALU_LOOP: &str = "
    r0 = 1
    r6 = 100000
alu:
    r1 = r0
    r1 <<= 13
    r0 ^= r1
    r1 = r0
    r1 >>= 7
    r0 ^= r1
    r0 += 0x9e37
    r2 = r0
    r2 *= 3
    r0 += r2
    r6 += -1
    if r6 != 0 goto alu
    exit
";

/// Memory: a checksum over a 1 KiB buffer (r1), 64 rounds.
const MEM_LOOP: &str = "
    r0 = 0
    r6 = 64
outer:
    r3 = r1
    r4 = 1024
inner:
    r5 = *(u8 *)(r3 + 0)
    r0 += r5
    r0 <<= 1
    r0 >>= 1
    r0 ^= 0x5a
    r3 += 1
    r4 += -1
    if r4 != 0 goto inner
    r6 += -1
    if r6 != 0 goto outer
    exit
";

/// Dynptrs: a 64-byte local dynptr over the stack; 10 000 rounds of
/// bpf_dynptr_write of a counter and bpf_dynptr_read of it back.
const DYNPTR_LOOP: &str = "
    r1 = 0
    *(u64 *)(r10 - 8) = r1
    *(u64 *)(r10 - 16) = r1
    *(u64 *)(r10 - 24) = r1
    *(u64 *)(r10 - 32) = r1
    *(u64 *)(r10 - 40) = r1
    *(u64 *)(r10 - 48) = r1
    *(u64 *)(r10 - 56) = r1
    *(u64 *)(r10 - 64) = r1
    *(u64 *)(r10 - 96) = r1
    r1 = r10
    r1 += -64
    r2 = 64
    r3 = 0
    r4 = r10
    r4 += -80
    call 197
    r6 = 0
    r7 = 0
loop:
    *(u64 *)(r10 - 88) = r6
    r1 = r10
    r1 += -80
    r2 = 8
    r3 = r10
    r3 += -88
    r4 = 8
    r5 = 0
    call 202
    r1 = r10
    r1 += -96
    r2 = 8
    r3 = r10
    r3 += -80
    r4 = 8
    r5 = 0
    call 201
    r1 = *(u64 *)(r10 - 96)
    r7 += r1
    r6 += 1
    if r6 < 10000 goto loop
    r0 = r7
    exit
";

// The rbpf side of helpers 197, 201 and 202, following the specification's
// C code for local dynptrs (struct bpf_dynptr_kern: data, size with the
// type in bits 28..30, offset). rbpf hands helpers raw host addresses, so
// these three functions need raw pointer access; they exist only in this
// benchmark, never in the engine (which forbids `unsafe`).
const LOCAL_TYPE_BITS: u64 = 1 << 28;

fn rbpf_dynptr_from_mem(data: u64, size: u64, flags: u64, ptr: u64, _: u64) -> u64 {
    if flags != 0 || size > 0x00FF_FFFF {
        return (-22i64) as u64;
    }
    let kern = ptr as *mut u64;
    // SAFETY: `ptr` is the 16-byte stack slot the benchmark program passes.
    unsafe {
        kern.write_unaligned(data);
        kern.add(1).write_unaligned(size | LOCAL_TYPE_BITS);
    }
    0
}

fn rbpf_dynptr_read(dst: u64, len: u64, src: u64, offset: u64, flags: u64) -> u64 {
    // SAFETY: `src` is the dynptr slot made by rbpf_dynptr_from_mem; `dst`
    // and the dynptr's data are stack buffers checked against the size below.
    unsafe {
        let kern = src as *const u64;
        let data = kern.read_unaligned();
        let word = kern.add(1).read_unaligned();
        let size = word & 0x00FF_FFFF;
        let off = word >> 32;
        if data == 0 || flags != 0 {
            return (-22i64) as u64;
        }
        if len > size || offset > size - len {
            return (-7i64) as u64;
        }
        std::ptr::copy(
            (data + off + offset) as *const u8,
            dst as *mut u8,
            len as usize,
        );
    }
    0
}

fn rbpf_dynptr_write(dst: u64, offset: u64, src: u64, len: u64, flags: u64) -> u64 {
    // SAFETY: as in rbpf_dynptr_read, with the roles of the buffers swapped.
    unsafe {
        let kern = dst as *const u64;
        let data = kern.read_unaligned();
        let word = kern.add(1).read_unaligned();
        let size = word & 0x00FF_FFFF;
        let off = word >> 32;
        if data == 0 || flags != 0 || word & (1 << 31) != 0 {
            return (-22i64) as u64;
        }
        if len > size || offset > size - len {
            return (-7i64) as u64;
        }
        std::ptr::copy(
            src as *const u8,
            (data + off + offset) as *mut u8,
            len as usize,
        );
    }
    0
}

fn assemble(src: &str) -> Program {
    asm::assemble(&format!(".program bench syscall\n{src}")).expect("benchmark program assembles")
}

/// Runs `prog` in this VM to completion and returns (r0, instructions executed).
fn run_ours(prog: &Program) -> (u64, u64) {
    let world = World::new(prog, &WorldConfig::default()).expect("world");
    let mut vm = Vm::new(
        prog,
        world,
        VmOptions {
            insn_budget: u64::MAX,
            unsafe_mode: false,
            allow_uninit_stack: false,
            packet_dynptr_data: true,
        },
    )
    .expect("vm");
    let r = vm.run();
    assert!(r.fault.is_none(), "{:?}", r.fault);
    (r.r0.expect("exits"), r.steps)
}

fn bench(c: &mut Criterion) {
    // ALU loop: no memory.
    let alu = assemble(ALU_LOOP);
    let alu_bytes = isa::encode(&alu.insns);
    let (ours, steps) = run_ours(&alu);
    let rbpf_alu = rbpf::EbpfVmNoData::new(Some(&alu_bytes)).expect("rbpf loads");
    assert_eq!(
        rbpf_alu.execute_program().expect("rbpf runs"),
        ours,
        "both interpreters agree"
    );
    let mut g = c.benchmark_group("alu_loop");
    g.throughput(Throughput::Elements(steps));
    g.bench_function("dynptr-play", |b| b.iter(|| run_ours(&alu)));
    g.bench_function("rbpf", |b| {
        b.iter(|| rbpf_alu.execute_program().expect("runs"))
    });
    g.finish();

    // Memory loop: loads from the buffer in r1 (conformance-style run).
    let mem_prog = assemble(MEM_LOOP);
    let mem_bytes = isa::encode(&mem_prog.insns);
    let mut mem: Vec<u8> = (0..1024u32).map(|i| (i * 7 + 3) as u8).collect();
    let ours = dynptr_play::vm::run_raw(&mem_prog.insns, &mut mem).expect("runs");
    let rbpf_mem = rbpf::EbpfVmRaw::new(Some(&mem_bytes)).expect("rbpf loads");
    assert_eq!(
        rbpf_mem.execute_program(&mut mem).expect("rbpf runs"),
        ours,
        "both interpreters agree"
    );
    let steps = 3 + 64 * (4 + 1024 * 8) + 1;
    let mut g = c.benchmark_group("memory_loop");
    g.throughput(Throughput::Elements(steps));
    g.bench_function("dynptr-play", |b| {
        b.iter(|| dynptr_play::vm::run_raw(&mem_prog.insns, &mut mem).expect("runs"))
    });
    g.bench_function("rbpf", |b| {
        b.iter(|| rbpf_mem.execute_program(&mut mem).expect("runs"))
    });
    g.finish();

    // Dynptr loop: helper calls through the catalog.
    let dyn_prog = assemble(DYNPTR_LOOP);
    let dyn_bytes = isa::encode(&dyn_prog.insns);
    let (ours, steps) = run_ours(&dyn_prog);
    let mut rbpf_dyn = rbpf::EbpfVmNoData::new(Some(&dyn_bytes)).expect("rbpf loads");
    rbpf_dyn
        .register_helper(197, rbpf_dynptr_from_mem)
        .expect("registers");
    rbpf_dyn
        .register_helper(201, rbpf_dynptr_read)
        .expect("registers");
    rbpf_dyn
        .register_helper(202, rbpf_dynptr_write)
        .expect("registers");
    assert_eq!(
        rbpf_dyn.execute_program().expect("rbpf runs"),
        ours,
        "both interpreters agree"
    );
    assert_eq!(ours, (0..10_000u64).sum::<u64>());
    let mut g = c.benchmark_group("dynptr_loop");
    g.throughput(Throughput::Elements(steps));
    g.bench_function("dynptr-play", |b| b.iter(|| run_ours(&dyn_prog)));
    g.bench_function("rbpf", |b| {
        b.iter(|| rbpf_dyn.execute_program().expect("runs"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
