// SPDX-License-Identifier: GPL-2.0
/* Data slices (bpf_dynptr_data) of ring buffer dynptrs: bounds, lifetime,
 * NULL checks. Only upstream helpers. Assembly versions:
 * tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

/* expect: reject "value is outside of the allowed memory range"; upstream: reject "R0 min value is outside of the allowed memory range" */
SEC("?raw_tp")
int data_slice_out_of_bounds(void *ctx)
{
	struct bpf_dynptr ptr;
	__u8 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 8, 0, &ptr);
	data = bpf_dynptr_data(&ptr, 0, 8);
	if (data)
		/* one past the slice */
		data[8] = 0;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "invalid mem access 'scalar'"; upstream: reject "R6 invalid mem access 'scalar'" */
SEC("?raw_tp")
int data_slice_use_after_release(void *ctx)
{
	struct bpf_dynptr ptr;
	__u32 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_data(&ptr, 0, 16);
	if (!data) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	data[0] = 123;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	/* the record belongs to the consumer now */
	data[1] = 456;
	return 0;
}

/* expect: reject "invalid mem access 'mem_or_null'"; upstream: reject "R0 invalid mem access 'mem_or_null'" */
SEC("?raw_tp")
int data_slice_missing_null_check(void *ctx)
{
	struct bpf_dynptr ptr;
	__u64 *data;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	data = bpf_dynptr_data(&ptr, 0, 16);
	/* no NULL check */
	*data = 1;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
