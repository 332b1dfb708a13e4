// map_flags that change what a program may do with a map: with
// BPF_F_RDONLY_PROG it may look up and read but not store, update or delete
// ("write into map forbidden", from check_map_access_type for a store and
// record_func_map for the helpers); with BPF_F_WRONLY_PROG it may store and
// update but not read, not even through a helper. Such a map is not frozen,
// so a read-only map's values are not constants to the verifier (only
// libbpf's .rodata is). Compared with the kernel by tests/kernel_compare.rs.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
	__uint(map_flags, BPF_F_RDONLY_PROG);
} flags_ro SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
	__uint(map_flags, BPF_F_RDONLY_PROG);
} flags_ro_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
	__uint(map_flags, BPF_F_WRONLY_PROG);
} flags_wo SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} flags_rw SEC(".maps");

/* Read-only: a lookup and a load are fine; the value is not a constant
 * (the map is not frozen), so the branch stays. Returns 3. */
SEC("tc")
int ro_lookup_read(struct __sk_buff *skb)
{
	__u32 k = 1;
	__u64 *v = bpf_map_lookup_elem(&flags_ro, &k);

	if (!v)
		return 1;
	return *v == 0 ? 3 : 2;
}

/* Read-only: a store through the looked-up value. Rejected. */
SEC("tc")
int ro_store(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&flags_ro, &k);

	if (v)
		*v = 1;
	return 0;
}

/* Read-only: bpf_map_update_elem. Rejected by record_func_map. */
SEC("tc")
int ro_update(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 v = 7;

	return bpf_map_update_elem(&flags_ro, &k, &v, BPF_ANY);
}

/* Read-only: bpf_map_delete_elem on a hash. Rejected. */
SEC("tc")
int ro_delete(struct __sk_buff *skb)
{
	__u32 k = 0;

	return bpf_map_delete_elem(&flags_ro_hash, &k);
}

/* Write-only: an update and a store are fine. Returns 0. */
SEC("tc")
int wo_update_store(struct __sk_buff *skb)
{
	__u32 k = 1;
	__u64 v = 5;
	__u64 *p;

	if (bpf_map_update_elem(&flags_wo, &k, &v, BPF_ANY))
		return 1;
	p = bpf_map_lookup_elem(&flags_wo, &k);
	if (!p)
		return 2;
	*p = 6;
	return 0;
}

/* Write-only: a load through the looked-up value. Rejected. */
SEC("tc")
int wo_load(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&flags_wo, &k);

	if (!v)
		return 1;
	return *v;
}

/* Write-only: the value handed to a helper that reads it. Rejected. */
SEC("tc")
int wo_helper_read(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&flags_wo, &k);

	if (!v)
		return 1;
	return bpf_map_update_elem(&flags_rw, &k, v, BPF_ANY);
}

char LICENSE[] SEC("license") = "GPL";
