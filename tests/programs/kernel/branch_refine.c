// What a conditional jump teaches the verifier about the registers it
// compares, as Linux 6.18 does it: `==`/`!=` with a constant at an end of
// a range moves that end, two non-constant registers narrow each other and
// decide the branch when their ranges cannot meet, `==`/`!=` are decided by
// the known bits (JSET's false branch: branch_refine_jset.c). Each
// accepted program needs the narrowing; each rejected one is a near miss.
// Naked BPF assembly, so that clang keeps the comparisons as written.
// Compared with the kernel by tests/kernel_compare.rs.
//
// The stack bytes are written before they are read (a privileged 6.18
// kernel would read uninitialised stack; the playground does not model
// that), and the bytes are zero, so every accepted program returns 0
// whatever bpf_get_prandom_u32 (call 7) returned.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __naked __attribute__((naked))

/* r1 in [0, 8]; not 8 on the fall-through of `if r1 == 8`: [0, 7], so
 * fp-8 + r1 stays in the 8 written bytes. */
SEC("syscall")
__naked int refine_jeq_upper_end(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"if r1 > 8 goto 1f;"
	"if r1 == 8 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The same with 7, not an end of [0, 8]: nothing is learned, fp-8 + 8 is
 * outside the frame. Refused. */
SEC("syscall")
__naked int refine_jeq_not_an_end(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"if r1 > 8 goto 1f;"
	"if r1 == 7 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* r1 in [0, 8]; where `r1 != 0` jumps r1 is in [1, 8], so r1 - 1 is in
 * [0, 7]. */
SEC("syscall")
__naked int refine_jne_lower_end(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"if r1 > 8 goto 1f;"
	"if r1 != 0 goto 2f;"
	"1:"
	"r0 = 0;"
	"exit;"
	"2:"
	"r1 += -1;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	);
}

/* The signed end: r1 in [-8, 0], not -8 past `if r1 == -8`: fp-1 + r1 is
 * in [fp-8, fp-1]. */
SEC("syscall")
__naked int refine_jeq_signed_end(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"if r1 s> 0 goto 1f;"
	"if r1 s< -8 goto 1f;"
	"if r1 == -8 goto 1f;"
	"r2 = r10;"
	"r2 += -1;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The 32-bit end of a JMP32 comparison: w1 in [0, 8], not 8. */
SEC("syscall")
__naked int refine_jeq32_upper_end(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r1 = r0;"
	"r1 &= 0xff;"
	"if w1 > 8 goto 1f;"
	"if w1 == 8 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r1;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* Two registers: r7 <= 7 and r6 <= r7, so r6 <= 7 (r6 was unbounded). */
SEC("syscall")
__naked int refine_reg_le_reg(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r6 = r0;"
	"call 7;"
	"r7 = r0;"
	"if r7 > 7 goto 1f;"
	"if r6 > r7 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r6;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* r7 <= 8 is one too many: r6 may be 8. Refused. */
SEC("syscall")
__naked int refine_reg_le_reg_one_past(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r6 = r0;"
	"call 7;"
	"r7 = r0;"
	"if r7 > 8 goto 1f;"
	"if r6 > r7 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r6;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The other register learns too: r6 s< r7 with r6 s>= 0 makes r7 s>= 1,
 * so r7 - 1 indexes the 8 bytes when r7 s<= 8. */
SEC("syscall")
__naked int refine_reg_slt_lower(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r6 = r0;"
	"call 7;"
	"r7 = r0;"
	"if r6 s< 0 goto 1f;"
	"if r7 s> 8 goto 1f;"
	"if r6 s>= r7 goto 1f;"
	"r7 += -1;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r7;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* A loop whose bound is a register: i < n with n <= 7 keeps fp-8 + i in
 * the written bytes; i starts unknown in [0, 3]. Returns the sum, 0. */
SEC("syscall")
__naked int refine_loop_reg_bound(void)
{
	asm volatile (
	"r1 = 0;"
	"*(u64 *)(r10 - 8) = r1;"
	"call 7;"
	"r6 = r0;"
	"r6 &= 7;"
	"call 7;"
	"r7 = r0;"
	"r7 &= 3;"
	"r8 = 0;"
	"2:"
	"if r7 >= r6 goto 1f;"
	"r2 = r10;"
	"r2 += -8;"
	"r2 += r7;"
	"r0 = *(u8 *)(r2 + 0);"
	"r8 += r0;"
	"r7 += 1;"
	"goto 2b;"
	"1:"
	"r0 = r8;"
	"exit;"
	);
}

/* r6 in [10, 17], r7 in [0, 7]: `r6 > r7` always jumps, so the NULL
 * dereference on the fall-through is never walked. */
SEC("syscall")
__naked int refine_reg_ranges_apart(void)
{
	asm volatile (
	"call 7;"
	"r6 = r0;"
	"r6 &= 7;"
	"r6 += 10;"
	"call 7;"
	"r7 = r0;"
	"r7 &= 7;"
	"if r6 > r7 goto 1f;"
	"r0 = 0;"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* r6 in [7, 14], r7 in [0, 7]: they may meet at 7, the fall-through is
 * walked and its NULL dereference refused. */
SEC("syscall")
__naked int refine_reg_ranges_touch(void)
{
	asm volatile (
	"call 7;"
	"r6 = r0;"
	"r6 &= 7;"
	"r6 += 7;"
	"call 7;"
	"r7 = r0;"
	"r7 &= 7;"
	"if r6 > r7 goto 1f;"
	"r0 = 0;"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* r6 is even (r6 &= 0xe), so `r6 != 1` always jumps although 1 is inside
 * [0, 14]: the known bits decide. */
SEC("syscall")
__naked int refine_jne_known_bits(void)
{
	asm volatile (
	"call 7;"
	"r6 = r0;"
	"r6 &= 0xe;"
	"if r6 != 1 goto 1f;"
	"r0 = 0;"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* r6 &= 0xf may be 1: the fall-through is walked. Refused. */
SEC("syscall")
__naked int refine_jne_bits_may_match(void)
{
	asm volatile (
	"call 7;"
	"r6 = r0;"
	"r6 &= 0xf;"
	"if r6 != 1 goto 1f;"
	"r0 = 0;"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* `if r1 > r1` is not decided (only ranges are compared): the jump is
 * walked with r1 in [1, U64_MAX - 1] and its NULL dereference refused. */
SEC("syscall")
__naked int refine_reg_with_itself(void)
{
	asm volatile (
	"call 7;"
	"r1 = r0;"
	"if r1 > r1 goto 1f;"
	"r0 = 0;"
	"exit;"
	"1:"
	"r0 = 0;"
	"r0 = *(u64 *)(r0 + 0);"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
