//! The legacy packet loads (`BPF_LD | BPF_ABS`, `BPF_LD | BPF_IND`): both
//! dialects, the verifier's `check_ld_abs` rules and messages, and the VM
//! (r6 = skb, result in r0 in host order, r1-r5 clobbered, out of bounds
//! ends the program with 0).

use dynptr_play::asm::{assemble, disassemble, format_insn_kernel};
use dynptr_play::isa::Insn;
use dynptr_play::program::Program;
use dynptr_play::verifier::{self, KernelProfile, VerifierOptions};
use dynptr_play::vm::{Vm, VmOptions};
use dynptr_play::world::WorldConfig;

fn asm(src: &str) -> Program {
    assemble(src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

fn verdict(p: &Program) -> Result<(), String> {
    let r = verifier::verify(p, &VerifierOptions::default());
    if r.accepted() {
        Ok(())
    } else {
        Err(r.message.unwrap_or_default())
    }
}

fn run(p: &Program, packet: &[u8]) -> u64 {
    let cfg = WorldConfig {
        packet: packet.to_vec(),
        ..WorldConfig::default()
    };
    let mut vm = Vm::with_config(p, &cfg, VmOptions::default()).expect("vm");
    let res = vm.run();
    assert!(res.fault.is_none(), "{:?}", res.fault);
    res.r0.expect("exited")
}

#[test]
fn both_dialects_encode_the_same_and_print_back() {
    let llvm = asm("r0 = *(u8 *)skb[73]\nr0 = *(u16 *)skb[r7]\nr0 = *(u32 *)skb[r7 + -2]\nr0 = *(u32 *)skb[2]\nexit\n");
    let ubpf = asm("ldabsb 73\nldindh %r7, 0\nldindw %r7, -2\nldabsw 2\nexit\n");
    assert_eq!(llvm.insns, ubpf.insns);
    assert_eq!(llvm.insns[0], Insn::new(0x30, 0, 0, 0, 73));
    assert_eq!(llvm.insns[1], Insn::new(0x48, 0, 7, 0, 0));
    assert_eq!(llvm.insns[2], Insn::new(0x40, 0, 7, 0, -2));
    let text = disassemble(&llvm);
    assert!(text.contains("r0 = *(u8 *)skb[73]"), "{text}");
    assert!(text.contains("r0 = *(u16 *)skb[r7]"), "{text}");
    assert_eq!(asm(&text).insns, llvm.insns);
    // The verifier log's form assembles back too.
    assert_eq!(
        format_insn_kernel(&llvm.insns, 2),
        "r0 = *(u32 *)skb[r7 + -2]"
    );
    assert_eq!(format_insn_kernel(&llvm.insns, 0), "r0 = *(u8 *)skb[73]");
    // The verifier's log prints them as the kernel's does.
    assert_eq!(
        verifier::log::kernel_insn_str(&llvm, 0),
        "(30) r0 = *(u8 *)skb[73]"
    );
    assert_eq!(
        verifier::log::kernel_insn_str(&llvm, 1),
        "(48) r0 = *(u16 *)skb[r7 + 0]"
    );
    let e = assemble("r1 = *(u8 *)skb[1]\nexit\n").unwrap_err();
    assert!(e.message.contains("expected r0"), "{e}");
    let e = assemble("r0 = *(s8 *)skb[1]\nexit\n").unwrap_err();
    assert_eq!((e.line, e.col), (1, 8), "{e}");
}

#[test]
fn tc_programs_load_big_endian_packet_bytes() {
    let p = asm(".program lds tc\n\
         r6 = r1\n\
         r0 = *(u16 *)skb[12]\n\
         r8 = r0\n\
         r7 = 14\n\
         r0 = *(u8 *)skb[r7 + 0]\n\
         r8 <<= 8\n\
         r8 |= r0\n\
         r0 = *(u32 *)skb[r7 + 12]\n\
         r0 ^= r8\n\
         exit\n");
    assert_eq!(verdict(&p), Ok(()));
    let mut pkt = vec![0u8; 64];
    pkt[12] = 0x08; // ethertype 0x0800
    pkt[14] = 0x45;
    pkt[26..30].copy_from_slice(&[10, 0, 0, 1]);
    let r0 = run(&p, &pkt);
    assert_eq!(r0, 0x0a00_0001 ^ 0x0008_0045);
}

#[test]
fn out_of_bounds_ends_the_program_with_zero() {
    let p = asm(".program oob tc\nr6 = r1\nr0 = *(u32 *)skb[62]\nr0 = 7\nexit\n");
    assert_eq!(verdict(&p), Ok(()));
    assert_eq!(run(&p, &[0u8; 64]), 0);
    assert_eq!(run(&p, &[0u8; 66]), 7);
}

#[test]
fn the_verifier_says_what_the_kernel_says() {
    let cases: &[(&str, &str)] = &[
        (
            ".program x xdp\nr6 = r1\nr0 = *(u8 *)skb[1]\nexit\n",
            "BPF_LD_[ABS|IND] instructions not allowed for this program type",
        ),
        (
            ".program x tc\nr6 = r1\n.raw 0x0000000100000130\nexit\n",
            "BPF_LD_[ABS|IND] uses reserved fields",
        ),
        (
            ".program x tc\nr0 = *(u8 *)skb[1]\nexit\n",
            "R6 !read_ok",
        ),
        (
            ".program x tc\nr6 = 0\nr0 = *(u8 *)skb[1]\nexit\n",
            "at the time of BPF_LD_ABS|IND R6 != pointer to skb",
        ),
        (
            ".program x tc\nr6 = r1\nr0 = *(u8 *)skb[r7]\nexit\n",
            "R7 !read_ok",
        ),
        (
            ".program x tc\nr6 = r1\nr0 = *(u8 *)skb[1]\nr0 = r1\nexit\n",
            "R1 !read_ok",
        ),
        (
            ".program x tc\nr6 = r1\ncall f\nexit\nf:\nr0 = *(u8 *)skb[1]\nexit\n",
            "LD_ABS is not allowed in subprogs without BTF",
        ),
        (
            ".program x tc\n.map rb ringbuf max_entries=4096\nr6 = r1\nr1 = rb ll\nr2 = 8\nr3 = 0\ncall bpf_ringbuf_reserve\nif r0 == 0 goto out\nr7 = r0\nr0 = *(u8 *)skb[1]\nr1 = r7\nr2 = 0\ncall bpf_ringbuf_discard\nout:\nr0 = 0\nexit\n",
            "BPF_LD_[ABS|IND] cannot be mixed with socket references",
        ),
    ];
    for (src, want) in cases {
        let got = verdict(&asm(src)).expect_err(src);
        assert!(got.contains(want), "{src}\nwant {want}\ngot {got}");
    }
    // Today's kernel words the reference rule differently.
    let (src, _) = cases[cases.len() - 1];
    let r = verifier::verify(
        &asm(src),
        &VerifierOptions {
            kernel: KernelProfile::Linux6_18,
            ..Default::default()
        },
    );
    let m = r.message.unwrap_or_default();
    assert!(
        m.contains("BPF_LD_[ABS|IND] would lead to reference leak"),
        "{m}"
    );
}
