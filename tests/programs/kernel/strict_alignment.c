// BPF_F_STRICT_ALIGNMENT (`__flag(...)`, which tests/kernel_compare.rs
// passes to the kernel with kload --flags and to the playground as
// VerifierOptions::strict_alignment): every load and store must be aligned
// to its size, packet data counting from NET_IP_ALIGN (2 bytes past an
// aligned address), so the IPv4 header at packet offset 14 is aligned and
// the Ethernet type at 12 is not. Without the flag x86 checks only the
// stack and atomics. Compared with the kernel by tests/kernel_compare.rs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "test_annotations.h"

#define __naked __attribute__((naked))

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} align_rb SEC(".maps");

__u64 align_words[4];

/* The IPv4 source address, 4 bytes at packet offset 26: 2 + 26 is a
 * multiple of 4. Accepted; returns the address as loaded. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_ip_word(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 26);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* 4 bytes at packet offset 12: 2 + 12 is not. Refused under the flag. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_eth_word(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 12);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The same load without the flag: accepted. */
SEC("xdp")
__naked int lax_pkt_eth_word(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 12);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The pointer's fixed offset counts: pkt + 10, then 2 bytes at +1. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_fixed_off(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r2 += 10;"
	"r0 = *(u16 *)(r2 + 1);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* A variable offset of 0 or 2 (a packet byte & 2): 2 + 14 + 2 is not a
 * multiple of 4. Refused, the offset printed as a tnum. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_var_off(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 40;"
	"if r4 > r3 goto 1f;"
	"r5 = *(u8 *)(r2 + 0);"
	"r5 &= 2;"
	"r2 += r5;"
	"r4 = r2;"
	"r4 += 20;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 14);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* A variable offset of 0 or 4 keeps the word aligned. Accepted. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_var_off_aligned(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 40;"
	"if r4 > r3 goto 1f;"
	"r5 = *(u8 *)(r2 + 0);"
	"r5 &= 4;"
	"r2 += r5;"
	"r4 = r2;"
	"r4 += 20;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 14);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* Single bytes are always aligned. Accepted; returns the IPv4 TTL. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_pkt_byte(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u8 *)(r2 + 22);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* The context: xdp_md's data_end read 2 bytes early. Under the flag the
 * alignment is checked before the field. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_ctx_misaligned(void)
{
	asm volatile (
	"r0 = *(u32 *)(r1 + 2);"
	"exit;"
	);
}

/* A global (a map value): 4 bytes at offset 2. */
SEC("syscall")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_value_misaligned(void)
{
	asm volatile (
	"r1 = %[words] ll;"
	"r2 = 1;"
	"*(u32 *)(r1 + 2) = r2;"
	"r0 = 0;"
	"exit;"
	:
	: [words] "i"(&align_words)
	: "memory"
	);
}

/* 4 bytes at offset 4 are aligned. Accepted; returns what it stored. */
SEC("syscall")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_value_aligned(void)
{
	asm volatile (
	"r1 = %[words] ll;"
	"r2 = 7;"
	"*(u32 *)(r1 + 4) = r2;"
	"r0 = *(u32 *)(r1 + 4);"
	"exit;"
	:
	: [words] "i"(&align_words)
	: "memory"
	);
}

/* An atomic add is checked strictly without the flag: 8 bytes at offset 4
 * of a map value. */
SEC("syscall")
__naked int atomic_value_misaligned(void)
{
	asm volatile (
	"r1 = %[words] ll;"
	"r2 = 1;"
	"lock *(u64 *)(r1 + 4) += r2;"
	"r0 = 0;"
	"exit;"
	:
	: [words] "i"(&align_words)
	: "memory"
	);
}

/* At offset 8 it is aligned. Accepted; returns the word, 1. */
SEC("syscall")
__naked int atomic_value_aligned(void)
{
	asm volatile (
	"r1 = %[words] ll;"
	"r2 = 1;"
	"*(u64 *)(r1 + 8) = r2;"
	"lock *(u64 *)(r1 + 8) += r2;"
	"r0 = *(u64 *)(r1 + 8);"
	"r0 += -1;"
	"exit;"
	:
	: [words] "i"(&align_words)
	: "memory"
	);
}

/* Ring buffer memory has no name in the message: "misaligned access". */
SEC("syscall")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_ringbuf_misaligned(void)
{
	asm volatile (
	"r1 = %[rb] ll;"
	"r2 = 16;"
	"r3 = 0;"
	"call %[bpf_ringbuf_reserve];"
	"if r0 == 0 goto 1f;"
	"r1 = 0;"
	"*(u32 *)(r0 + 2) = r1;"
	"r1 = r0;"
	"r2 = 0;"
	"call %[bpf_ringbuf_discard];"
	"1:"
	"r0 = 0;"
	"exit;"
	:
	: [rb] "i"(&align_rb), [bpf_ringbuf_reserve] "i"(bpf_ringbuf_reserve),
	  [bpf_ringbuf_discard] "i"(bpf_ringbuf_discard)
	: "memory"
	);
}

/* Not NULL-checked: the alignment check comes first (the kernel names no
 * type for a `_or_null` pointer). */
SEC("syscall")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_ringbuf_or_null_misaligned(void)
{
	asm volatile (
	"r1 = %[rb] ll;"
	"r2 = 16;"
	"r3 = 0;"
	"call %[bpf_ringbuf_reserve];"
	"r1 = 0;"
	"*(u32 *)(r0 + 2) = r1;"
	"r0 = 0;"
	"exit;"
	:
	: [rb] "i"(&align_rb), [bpf_ringbuf_reserve] "i"(bpf_ringbuf_reserve)
	: "memory"
	);
}

/* The stack is checked strictly with or without the flag; an aligned
 * access passes under it. Accepted; returns 5. */
SEC("syscall")
__flag(BPF_F_STRICT_ALIGNMENT)
__naked int strict_stack_aligned(void)
{
	asm volatile (
	"r1 = 5;"
	"*(u32 *)(r10 - 4) = r1;"
	"r0 = *(u32 *)(r10 - 4);"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
