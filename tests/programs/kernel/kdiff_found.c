// Disagreements found by the differential test (tests/kernel_diff.rs), kept
// here as naked-asm programs so that tests/kernel_compare.rs checks each
// fix against the running kernel. See docs/kernel-compare.md.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_kfuncs.h"

#define __naked __attribute__((naked))
#define __imm(name) [name]"i"(name)
#define __imm_addr(name) [name]"i"(&name)

/* Rejected: every xdp_md field is read as a whole u32
 * (__is_valid_xdp_access), rx_queue_index included. */
SEC("xdp")
__naked int found_xdp_narrow_ctx(void)
{
	asm volatile (
	"r0 = *(u8 *)(r1 + 16);"
	"exit;"
	);
}

/* Rejected: on the branch where pkt + 8 > pkt_end, r4 is marked beyond
 * the packet's end (range < 0): only "R4 offset is outside of the packet",
 * without __check_mem_access's line. */
SEC("xdp")
__naked int found_pkt_beyond_end(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r3 = *(u32 *)(r1 + 4);"
	"r4 = r2;"
	"r4 += 8;"
	"if r4 > r3 goto 1f;"
	"r0 = 0;"
	"exit;"
	"1:"
	"r0 = *(u8 *)(r4 - 1);"
	"exit;"
	);
}

/* Rejected: a misaligned stack access; today's kernel prints a known
 * var_off as a number ("off 0+0+-47"). */
SEC("tc")
__naked int found_stack_misaligned(void)
{
	asm volatile (
	"r0 = *(u64 *)(r10 - 47);"
	"exit;"
	);
}

/* Rejected: a helper writing 16 bytes at fp-8 runs off the frame; today's
 * kernel says it is a write ("invalid write to stack R1 off=-8 size=16",
 * not "invalid indirect access to stack"). */
SEC("tc")
__naked int found_helper_stack_oob(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -8;"
	"r2 = 16;"
	"r3 = 0;"
	"call %[bpf_probe_read_kernel];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_probe_read_kernel)
	);
}

/* Rejected: fp-8 plus 0..15 may reach past the frame; today's message has
 * the fixed offset too ("var_off=(0x0; 0xf) off=-8 size=1"). */
SEC("tc")
__naked int found_stack_var_off_oob(void)
{
	asm volatile (
	"r8 = *(u32 *)(r1 + 0);"
	"r8 &= 15;"
	"r1 = r10;"
	"r1 += -8;"
	"r1 += r8;"
	"r0 = *(u8 *)(r1 + 0);"
	"exit;"
	);
}

/* Accepted: a syscall program may write its context (the caller's
 * buffer; bpf_syscall_prog_is_valid_access); the playground's VM refused
 * the store. Returns what it stored, 7. */
SEC("syscall")
__naked int found_syscall_ctx_write(void)
{
	asm volatile (
	"r2 = 7;"
	"*(u64 *)(r1 + 8) = r2;"
	"r0 = *(u64 *)(r1 + 8);"
	"exit;"
	);
}

/* Accepted: __sk_buff's len may be read a byte at a time (50 & 0xff). */
SEC("tc")
__naked int found_tc_narrow_len(void)
{
	asm volatile (
	"r0 = *(u8 *)(r1 + 0);"
	"exit;"
	);
}

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} found_rb SEC(".maps");

/* libbpf freezes .rodata before the load: the verifier reads it then. */
const volatile __u64 found_len = 7;
__u64 found_len_rw = 7;

/* Accepted: a size read from the frozen .rodata is the constant 7
 * (bpf_map_direct_read), so bpf_ringbuf_output's size is bounded; one
 * 7-byte record. */
SEC("tc")
__naked int found_rodata_size(void)
{
	asm volatile (
	"r1 = 0x0706050403020100 ll;"
	"*(u64 *)(r10 - 8) = r1;"
	"r1 = %[found_len] ll;"
	"r3 = *(u64 *)(r1 + 0);"
	"r1 = %[found_rb] ll;"
	"r2 = r10;"
	"r2 += -8;"
	"r4 = 0;"
	"call %[bpf_ringbuf_output];"
	"exit;"
	:: __imm_addr(found_len), __imm_addr(found_rb), __imm(bpf_ringbuf_output)
	);
}

/* Rejected: the same size from the writable .data is unknown. */
SEC("tc")
__naked int found_data_size(void)
{
	asm volatile (
	"r1 = 0x0706050403020100 ll;"
	"*(u64 *)(r10 - 8) = r1;"
	"r1 = %[found_len_rw] ll;"
	"r3 = *(u64 *)(r1 + 0);"
	"r1 = %[found_rb] ll;"
	"r2 = r10;"
	"r2 += -8;"
	"r4 = 0;"
	"call %[bpf_ringbuf_output];"
	"exit;"
	:: __imm_addr(found_len_rw), __imm_addr(found_rb), __imm(bpf_ringbuf_output)
	);
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} found_arr SEC(".maps");

/* Rejected: a map key that is a number. Today's kernel takes any memory as
 * a key, and lists it ("... buf, trusted_ptr_"). */
SEC("tc")
__naked int found_map_key_scalar(void)
{
	asm volatile (
	"r1 = %[found_arr] ll;"
	"r2 = 0;"
	"call %[bpf_map_lookup_elem];"
	"r0 = 0;"
	"exit;"
	:: __imm_addr(found_arr), __imm(bpf_map_lookup_elem)
	);
}

/* Rejected: check_kfunc_args reads no register before the argument's own
 * check: an unwritten scalar argument "is not a scalar"... */
SEC("tc")
__naked int found_kfunc_uninit_scalar(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"r1 = r6;"
	"r3 = r10;"
	"r3 += -16;"
	"call %[bpf_dynptr_from_skb];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_get_prandom_u32), __imm(bpf_dynptr_from_skb)
	);
}

/* ... and an unwritten pointer argument fails check_func_arg_reg_off. */
SEC("tc")
__naked int found_kfunc_uninit_ptr(void)
{
	asm volatile (
	"r6 = r1;"
	"call %[bpf_get_prandom_u32];"
	"r1 = r6;"
	"r2 = 0;"
	"call %[bpf_dynptr_from_skb];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_get_prandom_u32), __imm(bpf_dynptr_from_skb)
	);
}

/* Rejected: a dynptr 4 bytes off a slot, to a helper and to a kfunc:
 * "cannot pass in dynptr at an offset=-20", then "Expected an initialized
 * dynptr as arg #N". */
SEC("tc")
__naked int found_dynptr_misaligned_helper(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -64;"
	"r2 = 4;"
	"r3 = r10;"
	"r3 += -20;"
	"r4 = 0;"
	"r5 = 0;"
	"call %[bpf_dynptr_read];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_dynptr_read)
	);
}

SEC("tc")
__naked int found_dynptr_misaligned_kfunc(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -20;"
	"call %[bpf_dynptr_size];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_dynptr_size)
	);
}

/* Accepted: a slice of size 0 (check_kfunc_mem_size_reg allows a zero
 * size); the skb's first byte is there, so the slice is not NULL: 2. */
SEC("tc")
__naked int found_slice_zero_size(void)
{
	asm volatile (
	"r2 = 0;"
	"r3 = r10;"
	"r3 += -16;"
	"call %[bpf_dynptr_from_skb];"
	"r1 = r10;"
	"r1 += -16;"
	"r2 = 0;"
	"r3 = r10;"
	"r3 += -32;"
	"r4 = 0;"
	"call %[bpf_dynptr_slice];"
	"if r0 == 0 goto 1f;"
	"r0 = 2;"
	"exit;"
	"1:"
	"r0 = 1;"
	"exit;"
	:: __imm(bpf_dynptr_from_skb), __imm(bpf_dynptr_slice)
	);
}

/* Rejected: an iterator 4 bytes off a slot ("cannot pass in iter at an
 * offset=-20", then process_iter_arg's own line). */
SEC("tc")
__naked int found_iter_misaligned(void)
{
	asm volatile (
	"r1 = r10;"
	"r1 += -20;"
	"call %[bpf_iter_num_next];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_iter_num_next)
	);
}

/* Rejected: an iterator at a variable offset. */
SEC("tc")
__naked int found_iter_var_offset(void)
{
	asm volatile (
	"r2 = *(u32 *)(r1 + 0);"
	"r2 &= 8;"
	"r1 = r10;"
	"r1 += -16;"
	"r1 += r2;"
	"r2 = 0;"
	"r3 = 3;"
	"call %[bpf_iter_num_new];"
	"r0 = 0;"
	"exit;"
	:: __imm(bpf_iter_num_new)
	);
}

/* Accepted. Calls the kfuncs the naked programs name from C, so that clang
 * emits the BTF libbpf resolves them with (it emits none for a kfunc named
 * only in inline assembly). */
SEC("tc")
int found_kfunc_btf(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	struct bpf_iter_num it;
	int *v, n = 0;

	if (bpf_dynptr_from_skb(skb, 0, &d))
		return -1;
	n = bpf_dynptr_size(&d) & 0;
	if (bpf_dynptr_slice(&d, 0, 0, 0))
		n++;
	bpf_iter_num_new(&it, 0, 3);
	while ((v = bpf_iter_num_next(&it)))
		n += *v;
	bpf_iter_num_destroy(&it);
	return n;
}

char _license[] SEC("license") = "GPL";
