// Reading stack that was never written: Linux 6.18 allows it for a
// privileged loader (allow_uninit_stack) and the bytes are an unknown
// scalar; the programs return constants so that the run does not depend on
// the stale bytes.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __naked __attribute__((naked))

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, __u64);
} uninit_map SEC(".maps");

/* A direct load of a never-written slot. */
SEC("tc")
__naked int uninit_direct_load(void)
{
	asm volatile("r1 = *(u64 *)(r10 - 8);"
		     "r0 = 1;"
		     "exit;" ::: "memory");
}

/* A helper reads a never-written key. */
SEC("tc")
__naked int uninit_helper_key(void)
{
	asm volatile("r1 = %[map] ll;"
		     "r2 = r10;"
		     "r2 += -8;"
		     "call 1;"
		     "r0 = 2;"
		     "exit;" :: [map] "i"(&uninit_map) : "memory");
}

/* A variable-offset load over never-written slots. */
SEC("tc")
__naked int uninit_var_off_load(void)
{
	asm volatile("call 7;"
		     "r0 &= 8;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r1 += r0;"
		     "r2 = *(u32 *)(r1 + 0);"
		     "r0 = 3;"
		     "exit;" ::: "memory");
}

/* Rejected still: the uninitialised value is a scalar, not a pointer. */
SEC("tc")
__naked int uninit_load_deref(void)
{
	asm volatile("r1 = *(u64 *)(r10 - 8);"
		     "r0 = *(u8 *)(r1 + 0);"
		     "exit;" ::: "memory");
}

char LICENSE[] SEC("license") = "GPL";
