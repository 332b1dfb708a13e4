// Annotated tests (`dynptr-play test`) over skb and xdp dynptrs and their
// slices (bpf_dynptr_from_skb / _from_xdp, bpf_dynptr_slice[_rdwr],
// bpf_dynptr_adjust, bpf_dynptr_clone). The retvals assume the packet the
// selftests' loader runs every program over, and `dynptr-play test` too:
// 64 zero bytes (TEST_DATA_LEN), so the TTL and the protocol read 0.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"
#include "test_annotations.h"

#define ETH_HLEN 14

/* The IPv4 TTL through a read-only slice of an skb dynptr. */
SEC("tc")
__success __retval(0)
int skb_slice_ttl(struct __sk_buff *skb)
{
	struct bpf_dynptr p;
	__u8 buf[20];
	__u8 *ip;

	if (bpf_dynptr_from_skb(skb, 0, &p))
		return -1;
	ip = bpf_dynptr_slice(&p, ETH_HLEN, buf, sizeof(buf));
	if (!ip)
		return -2;
	return ip[8];
}

/* The TTL decremented through a read-write slice, read back with
 * bpf_dynptr_read. */
SEC("tc")
__success __retval(255)
int skb_slice_rdwr_dec_ttl(struct __sk_buff *skb)
{
	struct bpf_dynptr p;
	__u8 buf[20];
	__u8 *ip, ttl = 0;

	if (bpf_dynptr_from_skb(skb, 0, &p))
		return -1;
	ip = bpf_dynptr_slice_rdwr(&p, ETH_HLEN, buf, sizeof(buf));
	if (!ip)
		return -2;
	ip[8]--;
	if (bpf_dynptr_read(&ttl, 1, &p, ETH_HLEN + 8, 0))
		return -3;
	return ttl;
}

/* The IP protocol from an xdp dynptr narrowed to the IP header. */
SEC("xdp")
__success __retval(0)
int xdp_adjust_proto(struct xdp_md *xdp)
{
	struct bpf_dynptr p;
	__u8 proto = 0;

	if (bpf_dynptr_from_xdp(xdp, 0, &p))
		return -1;
	if (bpf_dynptr_adjust(&p, ETH_HLEN, ETH_HLEN + 20))
		return -2;
	if (bpf_dynptr_size(&p) != 20)
		return -3;
	if (bpf_dynptr_read(&proto, 1, &p, 9, 0))
		return -4;
	return proto;
}

/* A clone of an xdp dynptr is adjusted; a slice of it sees the UDP
 * header's destination port's low byte plus the original's size check. */
SEC("xdp")
__success __retval(1)
int xdp_clone_slice(struct xdp_md *xdp)
{
	struct bpf_dynptr p, c;
	__u8 buf[8];
	__u8 *udp;

	if (bpf_dynptr_from_xdp(xdp, 0, &p))
		return -1;
	if (bpf_dynptr_clone(&p, &c))
		return -2;
	if (bpf_dynptr_adjust(&c, ETH_HLEN + 20, ETH_HLEN + 28))
		return -3;
	udp = bpf_dynptr_slice(&c, 0, buf, sizeof(buf));
	if (!udp)
		return -4;
	return bpf_dynptr_size(&p) > bpf_dynptr_size(&c);
}

/* A slice dereferenced without the NULL check; not autoloaded (`?tc`). */
SEC("?tc")
__failure __msg("invalid mem access '{{[a-z_]*}}mem_or_null'")
__description("skb: slice used without a NULL check")
int skb_slice_unchecked(struct __sk_buff *skb)
{
	struct bpf_dynptr p;
	__u8 buf[20];
	__u8 *ip;

	bpf_dynptr_from_skb(skb, 0, &p);
	ip = bpf_dynptr_slice(&p, ETH_HLEN, buf, sizeof(buf));
	return ip[8];
}

/* A read-only slice written to. */
SEC("?tc")
__failure __msg("cannot write into rdonly_mem")
int skb_slice_rdonly_write(struct __sk_buff *skb)
{
	struct bpf_dynptr p;
	__u8 buf[20];
	__u8 *ip;

	if (bpf_dynptr_from_skb(skb, 0, &p))
		return 0;
	ip = bpf_dynptr_slice(&p, ETH_HLEN, buf, sizeof(buf));
	if (!ip)
		return 0;
	ip[8] = 1;
	return 0;
}

char _license[] SEC("license") = "GPL";
