// Names and types from DWARF and BTF, for tests/dwarf_names.rs: a local
// dynptr `ptr` over the global `text`, its clone `clone`, a data slice
// `data`, a stack buffer `read_data` it is read into, a map of
// `struct sample` values and a global struct.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

enum color { RED, GREEN = 7 };

struct sample {
	__u32 pid;
	__u64 value;
	char comm[8];
	enum color color;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct sample);
} samples SEC(".maps");

struct config {
	struct {
		__u16 lo, hi;
	} range;
	int weights[3];
	void *cookie;
} cfg = { .range = { 1, 9 }, .weights = { 1, 2, 3 } };

char text[16] = "abc";

static __attribute__((noinline)) int bump(__u32 idx)
{
	struct sample *s = bpf_map_lookup_elem(&samples, &idx);

	if (!s)
		return 0;
	s->value++;
	return 1;
}

SEC("syscall")
int names(void *ctx)
{
	char read_data[64];
	struct bpf_dynptr ptr, clone;
	struct sample *s;
	__u32 key = 0;
	__u8 *data;

	bpf_dynptr_from_mem(text, sizeof(text), 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone, 4);
	data = bpf_dynptr_data(&clone, 0, 8);
	if (!data)
		return 1;
	data[0] = 'x';
	bpf_dynptr_read(read_data, sizeof(read_data) / 4, &ptr, 0, 0);
	if (read_data[0] != 'a')
		return 3;
	s = bpf_map_lookup_elem(&samples, &key);
	if (!s)
		return 2;
	s->pid = 42;
	s->value = 6;
	bpf_dynptr_read(s->comm, 4, &ptr, 0, 0);
	s->color = GREEN;
	cfg.weights[0] += data[1];
	return bump(0);
}

char LICENSE[] SEC("license") = "GPL";
