// SPDX-License-Identifier: GPL-2.0
/* A dynptr occupies two 8-byte stack slots: passing it at the wrong place,
 * overwriting or reading its bytes, storing it elsewhere. Only upstream
 * helpers. Assembly versions: tests/corpus/extra/<name>.s.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct bpf_dynptr);
} array_map SEC(".maps");

char buf[16];
struct bpf_dynptr global_ptr;

/* expect: reject "invalid indirect read from stack"; upstream: reject "invalid read from stack R3 off" */
SEC("?raw_tp")
int add_dynptr_to_map(void *ctx)
{
	struct bpf_dynptr ptr;
	__u32 key = 0;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 64, 0, &ptr);
	/* the value would be the dynptr's 16 bytes */
	bpf_map_update_elem(&array_map, &key, &ptr, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "invalid indirect read from stack"; upstream: reject "invalid read from stack R2 off -16+0 size 16" */
SEC("?raw_tp")
int dynptr_as_helper_memory(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	/* would leak the dynptr's kernel pointer */
	bpf_ringbuf_output(&ringbuf, &ptr, sizeof(ptr), 0);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #3"; upstream: reject "Expected an initialized dynptr as arg #2" */
SEC("?raw_tp")
int dynptr_at_slot_offset(void *ctx)
{
	struct bpf_dynptr ptr;
	char data[8];

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_read(data, sizeof(data), (void *)&ptr + 8, 0, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "cannot pass in dynptr at an offset"; upstream: reject "Expected an initialized dynptr as arg #2" */
SEC("?raw_tp")
int dynptr_misaligned(void *ctx)
{
	struct bpf_dynptr ptr;
	char data[8];

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	bpf_dynptr_read(data, sizeof(data), (void *)&ptr + 1, 0, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "Expected an initialized dynptr as arg #1"; upstream: reject "Expected an initialized dynptr as arg #0" */
SEC("?raw_tp")
int partial_overwrite_local(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	/* clobber the low byte of ptr->data */
	*(volatile __u8 *)&ptr = 0;
	bpf_dynptr_data(&ptr, 0, 1);
	return 0;
}

/* Linux 6.3 and later refuse the store itself ("cannot overwrite referenced
 * dynptr"); the kernel of the series' era refuses the next use.
 * expect: reject "Expected an initialized dynptr as arg #3"; upstream: reject "cannot overwrite referenced dynptr"
 */
SEC("?raw_tp")
int partial_overwrite_ringbuf(void *ctx)
{
	struct bpf_dynptr ptr;
	char data[8];

	bpf_ringbuf_reserve_dynptr(&ringbuf, 64, 0, &ptr);
	*((volatile __u8 *)&ptr + 8) = 0;
	bpf_dynptr_read(data, sizeof(data), &ptr, 0, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* Linux 6.3 and later: "cannot overwrite referenced dynptr".
 * expect: reject "Expected an initialized dynptr as arg #1"; upstream: reject "cannot overwrite referenced dynptr"
 */
SEC("?raw_tp")
int overwrite_referenced_dynptr(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	/* a stray memset of the first slot */
	*(volatile __u64 *)&ptr = 0;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}

/* expect: reject "invalid read from stack"; upstream: reject "invalid read from stack off -16+0 size 8" */
SEC("?raw_tp")
int read_dynptr_bytes(void *ctx)
{
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(buf, sizeof(buf), 0, &ptr);
	/* ptr->data: a kernel pointer */
	return *(volatile __u64 *)&ptr;
}

/* expect: reject "invalid read from stack"; upstream: reject "invalid read from stack off" */
SEC("?raw_tp")
int copy_dynptr_by_hand(void *ctx)
{
	struct bpf_dynptr ptr, copy;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &ptr);
	/* not a clone */
	__builtin_memcpy(&copy, &ptr, sizeof(ptr));
	bpf_ringbuf_submit_dynptr(&copy, 0);
	return 0;
}

/* expect: reject "type=map_value expected=fp"; upstream: reject "R4 type=map_value expected=fp, dynptr_ptr" */
SEC("?raw_tp")
int dynptr_in_map_value(void *ctx)
{
	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &global_ptr);
	bpf_ringbuf_submit_dynptr(&global_ptr, 0);
	return 0;
}

/* expect: reject "Unsupported reg type fp for bpf_dynptr_from_mem data"; upstream: reject "Unsupported reg type fp for bpf_dynptr_from_mem data" */
SEC("?raw_tp")
int dynptr_from_stack_mem(void *ctx)
{
	char data[16] = {};
	struct bpf_dynptr ptr;

	bpf_dynptr_from_mem(data, sizeof(data), 0, &ptr);
	return 0;
}

/* expect: reject "invalid write to stack"; upstream: reject "Dynptr has to be an uninitialized dynptr" */
SEC("?raw_tp")
int dynptr_stack_out_of_bounds(void *ctx)
{
	__u64 slot;

	/* 16 bytes from the frame's last 8 */
	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, (void *)&slot);
	bpf_ringbuf_submit_dynptr((void *)&slot, 0);
	return 0;
}
