// An object only part of which the playground can load: a kfunc the
// catalog does not list, a program type it does not simulate, and one
// program that is fine. load() refuses the object, naming the fault;
// load_program() still loads the good program.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_not_in_the_catalog(int x) __ksym;

SEC("syscall")
int call_unknown(void *ctx)
{
	return bpf_not_in_the_catalog(1);
}

SEC("kprobe/do_nanosleep")
int probe(void *ctx)
{
	return 0;
}

SEC("xdp")
int fine(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
