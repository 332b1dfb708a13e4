// bpf_strncmp's constant string must end inside its read-only map: this
// object's only .rodata is four bytes without a NUL, so the kernel refuses
// it ("string is not zero-terminated"). In a file of its own so that no
// other constant follows the array.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const char unterminated[4] = "kloa";

/* Refused: no NUL in the four bytes from the string's start. */
SEC("syscall")
int strncmp_bad_unterminated(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), unterminated);
}
