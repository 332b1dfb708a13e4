// A kfunc the playground's catalog does not list: loading must fail and
// name it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_not_in_the_catalog(int x) __ksym;

SEC("syscall")
int call_unknown(void *ctx)
{
	return bpf_not_in_the_catalog(1);
}

char LICENSE[] SEC("license") = "GPL";
