// The false branch of JSET (`if r1 & imm goto`, not taken) as Linux 6.18
// narrows it: the bits are cleared and the ranges forgotten first, then
// learned again from the bits. A file of its own because clang's assembler
// has no JSET: the instruction is written as `.8byte`, which llvm-objdump
// prints as `<unknown>` (tests/llvm_parity.rs skips such listings).
// Compared with the kernel by tests/kernel_compare.rs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __naked __attribute__((naked))

/* r1 in [0, 8]; where `r1 & 1` is zero today's kernel keeps the bits
 * (0x0; 0xe) and forgets the range, so r1 may be 14 and fp-9 + r1 leaves
 * the frame. Refused (the era's kernel kept [0, 8] and accepted).
 * `.8byte` spells `if r1 & 0x1 goto +5`. */
SEC("syscall")
__naked int refine_jset_false_forgets_range(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 16) = r1;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"if r1 > 8 goto 1f;"
	".8byte 0x0000000100050145;"
	"r2 = r10;"
	"r2 += -9;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
