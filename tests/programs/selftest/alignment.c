// Annotated tests (`dynptr-play test`) of BPF_F_STRICT_ALIGNMENT, the load
// flag a test asks for with `__flag(...)`: packet data counts from
// NET_IP_ALIGN (2 bytes past an aligned address), so a 4-byte load at a
// packet offset that is 2 mod 4 (the Ethernet type at 12) is refused under
// the flag and accepted without it. The messages hold `{{.*}}` where the
// profiles print the pointer's known variable offset differently (`0`
// today, `(0x0; 0x0)` in the era).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "test_annotations.h"

#define __naked __attribute__((naked))

/* Two paths reach the load: the one walked first with the pointer at
 * packet offset 14 (aligned), the other at 12. The first path's state must
 * not prune the second: the offset came from r6, which the load depends
 * on. */
SEC("xdp")
__flag(BPF_F_STRICT_ALIGNMENT)
__failure __msg("misaligned packet access off 2+{{.*}}+12+0 size 4")
__naked int strict_pkt_word_not_pruned(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 2f;"
	"r5 = *(u8 *)(r2 + 0);"
	"r6 = 12;"
	"if r5 != 0 goto 1f;"
	"r6 = 14;"
	"1:"
	"r2 += r6;"
	"r0 = *(u32 *)(r2 + 0);"
	"r0 = 0;"
	"exit;"
	"2:"
	"r0 = 0;"
	"exit;"
	);
}

/* The same program without the flag: accepted (x86 does not check
 * packet alignment). */
SEC("xdp")
__success __retval(0)
__naked int lax_pkt_word(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 2f;"
	"r5 = *(u8 *)(r2 + 0);"
	"r6 = 12;"
	"if r5 != 0 goto 1f;"
	"r6 = 14;"
	"1:"
	"r2 += r6;"
	"r0 = *(u32 *)(r2 + 0);"
	"r0 = 0;"
	"exit;"
	"2:"
	"r0 = 0;"
	"exit;"
	);
}

/* The flag by its value (BPF_F_STRICT_ALIGNMENT is 1); 4 bytes at packet
 * offset 14, the IPv4 header, are aligned: accepted, the header's first
 * byte returned (0 over the test run's 64 zero bytes; -1 if the packet were
 * too short). */
SEC("xdp")
__flag(1)
__success __retval(0)
__naked int strict_pkt_ip_header(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 34;"
	"if r4 > r3 goto 1f;"
	"r0 = *(u32 *)(r2 + 14);"
	"r0 &= 0xff;"
	"exit;"
	"1:"
	"r0 = -1;"
	"exit;"
	);
}

char _license[] SEC("license") = "GPL";
