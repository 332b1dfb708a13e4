// A ring buffer record written through a dynptr, with the series' helpers.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_series.h"

struct event {
	__u32 pid;
	__u32 len;
	__u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

__u64 submitted = 0;

SEC("raw_tp")
int ringbuf_dynptr(void *ctx)
{
	struct bpf_dynptr ptr;
	struct event ev = {};
	long err;

	err = bpf_ringbuf_reserve_dynptr(&ringbuf, sizeof(ev) + 8, 0, &ptr);
	if (err) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 1;
	}
	ev.pid = bpf_get_current_pid_tgid() >> 32;
	ev.len = bpf_dynptr_get_size(&ptr);
	ev.ts = bpf_ktime_get_ns();
	bpf_dynptr_write(&ptr, 0, &ev, sizeof(ev), 0);
	bpf_dynptr_advance(&ptr, sizeof(ev));
	bpf_dynptr_write(&ptr, 0, &ev.ts, sizeof(ev.ts), 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	submitted++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
