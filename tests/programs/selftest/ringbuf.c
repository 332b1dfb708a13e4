// Annotated tests (`dynptr-play test`) over ring buffer dynptrs:
// bpf_ringbuf_reserve_dynptr with submit or discard, slices of a record,
// and the verifier's refusals of a leaked or reused reservation.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"
#include "test_annotations.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* A 24-byte record filled through the dynptr and submitted: the program
 * returns the dynptr's size. */
SEC("syscall")
__success __retval(24)
int ringbuf_submit_size(void *ctx)
{
	struct bpf_dynptr rec;
	__u64 fill[3] = { 1, 2, 3 };
	int size;

	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(fill), 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return -1;
	}
	bpf_dynptr_write(&rec, 0, fill, sizeof(fill), 0);
	size = bpf_dynptr_size(&rec);
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return size;
}

/* Reading past the end of a record: -E2BIG at run time, and the record is
 * still discarded. */
SEC("syscall")
__success __retval(-7)
int ringbuf_read_past_end(void *ctx)
{
	struct bpf_dynptr rec;
	__u8 buf[16];
	int err;

	if (bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return -1;
	}
	err = bpf_dynptr_read(buf, sizeof(buf), &rec, 0, 0);
	bpf_ringbuf_discard_dynptr(&rec, 0);
	return err;
}

/* A data slice of the record, checked for NULL, written in place. */
SEC("syscall")
__success __retval(0x2a)
int ringbuf_slice_write(void *ctx)
{
	struct bpf_dynptr rec;
	__u32 *p;
	int v;

	if (bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return -1;
	}
	p = bpf_dynptr_data(&rec, 0, 8);
	if (!p) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return -2;
	}
	p[1] = 0x2a;
	v = p[1];
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return v;
}

/* The reservation is neither submitted nor discarded. */
SEC("?syscall")
__failure __msg("Unreleased reference id={{[0-9]+}}")
__description("ringbuf: a leaked reservation is refused")
int ringbuf_leak(void *ctx)
{
	struct bpf_dynptr rec;

	bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec);
	return 0;
}

/* Writing through the dynptr after its record was submitted. */
SEC("?syscall")
__failure __msg("Expected an initialized dynptr as arg")
int ringbuf_write_after_submit(void *ctx)
{
	struct bpf_dynptr rec;
	__u64 v = 1;

	if (bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&rec, 0);
	bpf_dynptr_write(&rec, 0, &v, sizeof(v), 0);
	return 0;
}

/* A slice used without the NULL check. */
SEC("?syscall")
__failure __msg("invalid mem access '{{[a-z_]*}}mem_or_null'")
int ringbuf_slice_unchecked(void *ctx)
{
	struct bpf_dynptr rec;
	__u32 *p;

	if (bpf_ringbuf_reserve_dynptr(&events, 8, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 0;
	}
	p = bpf_dynptr_data(&rec, 0, 8);
	*p = 1;
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

char _license[] SEC("license") = "GPL";
