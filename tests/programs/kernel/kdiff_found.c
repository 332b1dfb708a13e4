// Disagreements found by the differential test (tests/kernel_diff.rs), kept
// here as naked-asm programs so that tests/kernel_compare.rs checks each
// fix against the running kernel. See docs/kernel-compare.md.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

#define __naked __attribute__((naked))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)

/* Rejected: every xdp_md field is read as a whole u32
 * (__is_valid_xdp_access), rx_queue_index included. */
SEC("xdp")
__naked int found_xdp_narrow_ctx(void)
{
	asm volatile (
	"r0 = *(u8 *)(r1 + 16);"
	"exit;"
	);
}

/* Accepted: __sk_buff's len may be read a byte at a time (50 & 0xff). */
SEC("tc")
__naked int found_tc_narrow_len(void)
{
	asm volatile (
	"r0 = *(u8 *)(r1 + 0);"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
