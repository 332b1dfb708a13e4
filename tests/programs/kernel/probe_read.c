// The probe-read helpers (112-115), bpf_strncmp (182) and
// bpf_get_smp_processor_id (8) in syscall programs, checked against the
// running kernel. Only addresses both sides agree on are read: the
// program's own stack and globals (kernel memory in both), a low address
// (-ERANGE for a kernel read on x86-64), NULL and a kernel address given
// to a user read (-EFAULT).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* The probe reads are GPL-only helpers. */
char LICENSE[] SEC("license") = "GPL";

char msg[16] = "probe me";
const char want[] = "kload";
const char ab[] = "ab";
char not_const[] = "kload";
__u64 got[2];
long errs[6];
char sbuf[4][12];
long slen[6];

/* probe_read_kernel of a stack variable and of a global; the failed reads
 * return -ERANGE / -EFAULT and zero their buffer (got[1] held 0x55..). */
SEC("syscall")
int probe_kernel_mem(void *ctx)
{
	__u64 local = 0x1122334455667788ULL;
	__u64 tmp = 0x5555555555555555ULL;
	char head[4];

	errs[0] = bpf_probe_read_kernel(&got[0], 8, &local);
	errs[1] = bpf_probe_read_kernel(head, sizeof(head), msg);
	got[1] = 0x5555555555555555ULL;
	errs[2] = bpf_probe_read_kernel(&got[1], 8, (void *)0x1000);
	errs[3] = bpf_probe_read_user(&tmp, 8, (void *)0);
	errs[4] = bpf_probe_read_user(&tmp, 8, &local);
	errs[5] = bpf_probe_read_kernel(&tmp, 0, &local);
	return head[0] + head[3] * 256 + (tmp == 0) * 65536;
}

/* The string variants: the length with the NUL, a cut string, size 0, and
 * the errors (the buffer zeroed). */
SEC("syscall")
int probe_kernel_str(void *ctx)
{
	char local[8] = "stack";

	__builtin_memset(sbuf, 'x', sizeof(sbuf));
	slen[0] = bpf_probe_read_kernel_str(sbuf[0], sizeof(sbuf[0]), msg);
	slen[1] = bpf_probe_read_kernel_str(sbuf[1], 4, local);
	slen[2] = bpf_probe_read_kernel_str(sbuf[2], 0, msg);
	slen[3] = bpf_probe_read_kernel_str(sbuf[2], 6, (void *)0x1000);
	slen[4] = bpf_probe_read_user_str(sbuf[3], 5, (void *)0);
	slen[5] = bpf_probe_read_user_str(sbuf[3], 0, (void *)0);
	return slen[0] * 100 + slen[1];
}

/* bpf_strncmp against constant strings of .rodata: the task's name equals
 * "kload"; "ab" sorts after "aa" and before "b"; only 1 byte of "ac". */
SEC("syscall")
int strncmp_consts(void *ctx)
{
	char comm[16];
	char aa[4] = "aa", b[4] = "b", ac[4] = "ac";
	long r = 0;

	bpf_get_current_comm(comm, sizeof(comm));
	r += bpf_strncmp(comm, sizeof(comm), want) == 0 ? 1 : 0;
	r += (bpf_strncmp(aa, sizeof(aa), ab) + 2) * 10;
	r += (bpf_strncmp(b, sizeof(b), ab) + 2) * 100;
	r += (bpf_strncmp(ac, 1, ab) + 2) * 1000;
	return r;
}

/* The CPU id is below the kernel's limit of CPUs (the value itself varies). */
SEC("syscall")
int smp_processor_id(void *ctx)
{
	return bpf_get_smp_processor_id() < 8192 ? 7 : 0;
}

/* Refused: bpf_strncmp's second string must be in a read-only map. */
SEC("syscall")
int strncmp_bad_writable(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), not_const);
}

/* Refused: nor may it be on the stack. */
SEC("syscall")
int strncmp_bad_stack(void *ctx)
{
	char comm[16], s[8] = "kload";

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), s);
}

/* Refused: a probe read's size must be bounded. */
SEC("syscall")
int probe_bad_size(void *ctx)
{
	char buf[16];
	__u32 n = bpf_get_prandom_u32();

	return bpf_probe_read_kernel(buf, n, msg);
}

/* Refused: the string's address must be a constant. */
SEC("syscall")
int strncmp_bad_var_offset(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), want + (bpf_get_prandom_u32() & 1));
}
