// Misaligned stack stores, which every kernel refuses (stack accesses are
// always checked strictly), and how the message prints the pointer's
// variable offset: today's tnum_strn prints a known one as a number
// (`off 0+-31+0`), the era's as a tnum (`off (0x0; 0x0)+-31+0`). The last
// program is shaped like the selftests' absent_mark_in_the_middle_state:
// the misaligned offset is chosen before an iterator loop and used inside
// it, so the state with it must not be pruned. Naked BPF assembly.
// Compared with the kernel by tests/kernel_compare.rs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

#define __naked __attribute__((naked))
#define __imm(name) [name] "i"(name)

/* fp - 31: a constant offset folded into the pointer's fixed part. */
SEC("syscall")
__naked int stack_store_misaligned(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -31;"
	"r2 = 0;"
	"*(u64 *)(r1 + 0) = r2;"
	"r0 = 0;"
	"exit;"
	);
}

/* The same offset added from a register holding -31. */
SEC("syscall")
__naked int stack_store_misaligned_by_reg(void)
{
	asm volatile (
	"r6 = -31;"
	"r1 = r10;"
	"r1 += r6;"
	"r2 = 0;"
	"*(u64 *)(r1 + 0) = r2;"
	"r0 = 0;"
	"exit;"
	);
}

/* A variable offset (0 or 8) on top: printed as a tnum by both kernels. */
SEC("syscall")
__naked int stack_store_misaligned_var(void)
{
	asm volatile (
	"call 7;"
	"r0 &= 8;"
	"r1 = r10;"
	"r1 += -32;"
	"r1 += r0;"
	"r2 = 0;"
	"*(u32 *)(r1 + 2) = r2;"
	"r0 = 0;"
	"exit;"
	);
}

/* r6 = -32, or -31 when a random number differs from the first; an
 * iterator loop stores through fp + r6 when another random number equals
 * the first. Refused on the -31 path. */
SEC("syscall")
__naked int stack_misaligned_in_iter_loop(void)
{
	asm volatile (
	"call %[bpf_get_prandom_u32];"
	"r8 = r0;"
	"r6 = -32;"
	"r0 = 0;"
	"*(u64 *)(r10 - 16) = r0;"
	"r1 = r10;"
	"r1 += -8;"
	"r2 = 0;"
	"r3 = 10;"
	"call %[bpf_iter_num_new];"
	"call %[bpf_get_prandom_u32];"
	"if r0 == r8 goto 2f;"
	"r6 = -31;"
	"2:"
	"r1 = r10;"
	"r1 += -8;"
	"call %[bpf_iter_num_next];"
	"if r0 == 0 goto 3f;"
	"call %[bpf_get_prandom_u32];"
	"if r0 != r8 goto 2b;"
	"r1 = r10;"
	"r1 += r6;"
	"r2 = 7;"
	"*(u64 *)(r1 + 0) = r2;"
	"goto 2b;"
	"3:"
	"r1 = r10;"
	"r1 += -8;"
	"call %[bpf_iter_num_destroy];"
	"r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32), __imm(bpf_iter_num_new),
	  __imm(bpf_iter_num_next), __imm(bpf_iter_num_destroy)
	: "memory"
	);
}

/* The iterator kfuncs called from C as well, so that clang describes them
 * in BTF for libbpf (a naked function's `i` operands do not). Sums 0..2. */
SEC("syscall")
int stack_iter_sum(void *ctx)
{
	struct bpf_iter_num it;
	int *v, s = 0;

	bpf_iter_num_new(&it, 0, 3);
	while ((v = bpf_iter_num_next(&it)))
		s += *v;
	bpf_iter_num_destroy(&it);
	return s;
}

char _license[] SEC("license") = "GPL";
