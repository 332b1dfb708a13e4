// Direct packet access bounds in xdp, written as naked BPF assembly so that
// clang cannot reshape the comparisons: what `if pkt' < pkt_end`,
// `if pkt' >= pkt_end` prove, and that a pointer marked at pkt_end loses the
// mark when it moves. Compared with the kernel by tests/kernel_compare.rs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __naked __attribute__((naked))

/* pkt + 8 < pkt_end: byte 8 may be read (range off + 1). Returns it. */
SEC("xdp")
__naked int pkt_jlt_range(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 8;"
	"if r4 < r3 goto 1f;"
	"r0 = 0;"
	"exit;"
	"1:"
	"r0 = *(u8 *)(r2 + 8);"
	"exit;"
	);
}

/* Not pkt + 8 >= pkt_end: byte 8 may be read. Returns it. */
SEC("xdp")
__naked int pkt_jge_range(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 8;"
	"if r4 >= r3 goto 1f;"
	"r0 = *(u8 *)(r2 + 8);"
	"exit;"
	"1:"
	"r0 = 0;"
	"exit;"
	);
}

/* One byte further than the strict comparison proves: refused. */
SEC("xdp")
__naked int pkt_jlt_one_past(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 8;"
	"if r4 < r3 goto 1f;"
	"r0 = 0;"
	"exit;"
	"1:"
	"r0 = *(u8 *)(r2 + 9);"
	"exit;"
	);
}

/* r9 = pkt + 64 is at or past pkt_end on the taken branch; after
 * r9 += -256 that mark says nothing, so `if r9 < pkt_end` is undecided and
 * the read 300 bytes in, unchecked, is refused. */
SEC("xdp")
__naked int pkt_end_mark_moved(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r9 = r2;"
	"r9 += 64;"
	"if r9 >= r3 goto 1f;"
	"r0 = 0;"
	"exit;"
	"1:"
	"r9 += -256;"
	"if r9 < r3 goto 2f;"
	"r0 = 1;"
	"exit;"
	"2:"
	"r0 = *(u8 *)(r2 + 300);"
	"r0 = 2;"
	"exit;"
	);
}

/* Two paths reach the load with r6 = 14 (inside the 34 bytes proven) or
 * 40 (outside): the first path's state must not prune the second, because
 * the packet pointer's offset comes from r6 (whose source, data, is a
 * 4-byte context load). Refused. */
SEC("xdp")
__naked int pkt_offset_not_pruned(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 2f;"
	"r5 = *(u8 *)(r2 + 0);"
	"r6 = 40;"
	"if r5 != 0 goto 1f;"
	"r6 = 14;"
	"1:"
	"r2 += r6;"
	"r0 = *(u8 *)(r2 + 0);"
	"exit;"
	"2:"
	"r0 = 0;"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
