; Found by tests/soundness.rs (seed 10, mutant#607137 of the clang-built
; maps_globals.o loop_sum, both profiles): a mutation turned an ld_imm64 of
; a hash map (BPF_PSEUDO_MAP_FD) into a direct value load
; (BPF_PSEUDO_MAP_VALUE). The verifier accepts it as a pointer into the
; map's value, and the run faults ("map h has no direct value"). The
; kernel refuses it when it resolves the ld_imm64
; (resolve_pseudo_ldimm64): "no direct value access support for this map
; type" for maps without map_direct_value_addr (hash, ring buffer), and
; "invalid access to map value pointer, value_size=N off=N" for an array
; with more than one entry (array_map_direct_value_addr). Fixed in the
; verifier's ld_imm64 check (the fuzz target's verifier found it too).
; expect: reject
; message: no direct value access support for this map type
.program direct_value_of_a_hash_map syscall
.map h hash key=4 value=8 max_entries=4
	r1 = map[id:0][0]+0
	r0 = *(u64 *)(r1 + 0)
	exit
