; Found by tests/soundness.rs (seed 10, families#206 and others, both
; profiles): a hash map value pointer used after `bpf_map_delete_elem` of its
; element. The verifier allows it, as the kernel's does (the preallocated
; slot goes back to the free list; without preallocation the element is
; freed after an RCU grace period), but the VM faulted ("through an
; invalidated pointer: the map element was deleted"). The VM now keeps the
; slot reachable (docs/vm.md).
; expect: accept
.program hash_value_after_delete syscall
.map h hash key=4 value=8 max_entries=4
	*(u32 *)(r10 - 4) = 1
	r1 = h ll
	r2 = r10
	r2 += -4
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = h ll
	r2 = r10
	r2 += -4
	call bpf_map_delete_elem
	r0 = *(u64 *)(r6 + 0)
	r0 += 1
	*(u64 *)(r6 + 0) = r0
out:
	r0 = 0
	exit
