// A dynptr declared in an always-inline function, inlined twice: DWARF
// names its copies through their abstract origin (tests/dwarf_names.rs).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

static __always_inline long record(__u32 len)
{
	struct bpf_dynptr rec;
	long err = bpf_ringbuf_reserve_dynptr(&events, len, 0, &rec);

	if (err) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return err;
	}
	bpf_dynptr_write(&rec, 0, &len, sizeof(len), 0);
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

SEC("raw_tp")
int inlined(void *ctx)
{
	return record(8) + record(16);
}

char LICENSE[] SEC("license") = "GPL";
