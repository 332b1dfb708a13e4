// Upstream-only syscall programs over ring buffer dynptrs
// (bpf_ringbuf_reserve_dynptr / submit / discard; see xdp_dynptr.c).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

/* Two records: one submitted (16 bytes written through the dynptr), one
 * discarded; the consumer sees only the first. */
SEC("syscall")
int rb_submit_discard(void *ctx)
{
	struct bpf_dynptr ptr, other;
	__u64 words[2] = { 0x1122334455667788ULL, 0x99aabbccddeeff00ULL };
	__u32 size;

	if (bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return -1;
	}
	bpf_dynptr_write(&ptr, 0, words, sizeof(words), 0);
	size = bpf_dynptr_size(&ptr);
	bpf_ringbuf_submit_dynptr(&ptr, 0);

	if (bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &other)) {
		bpf_ringbuf_discard_dynptr(&other, 0);
		return -2;
	}
	bpf_dynptr_write(&other, 0, words, 8, 0);
	bpf_ringbuf_discard_dynptr(&other, 0);
	return size;
}

/* A data slice of a reservation, written in place, then submitted. */
SEC("syscall")
int rb_data_slice(void *ctx)
{
	struct bpf_dynptr ptr;
	__u32 *p;

	if (bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return -1;
	}
	p = bpf_dynptr_data(&ptr, 0, 8);
	if (!p) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return -2;
	}
	p[0] = 0xdeadbeef;
	p[1] = 42;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* A clone narrowed with bpf_dynptr_adjust writes into the middle of the
 * record; submitting the clone submits the whole record. A zero-size
 * reservation is a record of its own. */
SEC("syscall")
int rb_clone_adjust_submit(void *ctx)
{
	struct bpf_dynptr ptr, clone, empty;
	__u32 word = 0xa1b2c3d4;
	long r;

	if (bpf_ringbuf_reserve_dynptr(&rb, 12, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return -1;
	}
	bpf_dynptr_clone(&ptr, &clone);
	bpf_dynptr_adjust(&clone, 4, 8);
	r = bpf_dynptr_write(&clone, 0, &word, sizeof(word), 0);
	r = r * 10 + bpf_dynptr_write(&clone, 1, &word, sizeof(word), 0);
	bpf_ringbuf_submit_dynptr(&clone, 0);

	r = r * 10 + bpf_ringbuf_reserve_dynptr(&rb, 0, 0, &empty);
	bpf_ringbuf_submit_dynptr(&empty, 0);
	return r;
}

/* Rejected: the reservation is never submitted or discarded. */
SEC("syscall")
int rb_bad_leak(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	return 0;
}

/* Rejected: the dynptr is read after it was submitted. */
SEC("syscall")
int rb_bad_use_after_submit(void *ctx)
{
	struct bpf_dynptr ptr;
	__u8 b = 0;

	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	bpf_dynptr_read(&b, 1, &ptr, 0, 0);
	return b;
}

/* Rejected: a data slice outlives the reservation it points into. */
SEC("syscall")
int rb_bad_slice_after_submit(void *ctx)
{
	struct bpf_dynptr ptr;
	volatile __u8 *p;

	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	p = bpf_dynptr_data(&ptr, 0, 8);
	if (!p) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	p[0] = 1;
	return 0;
}

/* Rejected: reserving into a dynptr that already holds a reservation. */
SEC("syscall")
int rb_bad_reinit(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

/* Rejected: submitting a clone releases the reservation, so the original
 * (same reference) is invalid afterwards. */
SEC("syscall")
int rb_bad_clone_submit(void *ctx)
{
	struct bpf_dynptr ptr, clone;

	bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &ptr);
	bpf_dynptr_clone(&ptr, &clone);
	bpf_ringbuf_submit_dynptr(&clone, 0);
	bpf_ringbuf_discard_dynptr(&ptr, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
