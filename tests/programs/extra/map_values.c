// SPDX-License-Identifier: GPL-2.0
/* Local dynptrs over map values. Only upstream helpers. Assembly versions:
 * tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64[2]);
} array_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64[2]);
} hash_map SEC(".maps");

/* expect: accept; run: r0 = 0; upstream: accept */
SEC("?raw_tp")
int map_value_dynptr(void *ctx)
{
	__u64 value = 0x1122334455667788ULL;
	struct bpf_dynptr ptr;
	__u32 key = 0;
	__u64 *val;

	val = bpf_map_lookup_elem(&array_map, &key);
	if (!val)
		return 1;
	if (bpf_dynptr_from_mem(val, 16, 0, &ptr))
		return 1;
	/* bytes [8, 16) of the value */
	if (bpf_dynptr_write(&ptr, 8, &value, sizeof(value), 0))
		return 1;
	if (val[1] != value)
		return 1;
	return 0;
}

/* A hash map: Linux 6.15 and later know that an array lookup with a constant
 * in-range key cannot fail.
 * expect: reject "R1 type=map_value_or_null expected=fp"; upstream: reject "R1 type=map_value_or_null expected=fp"
 */
SEC("?raw_tp")
int map_value_dynptr_null(void *ctx)
{
	struct bpf_dynptr ptr;
	__u32 key = 0;
	void *val;

	val = bpf_map_lookup_elem(&hash_map, &key);
	/* no NULL check */
	bpf_dynptr_from_mem(val, 16, 0, &ptr);
	return 0;
}
