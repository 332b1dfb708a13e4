.program map_value_dynptr_null raw_tp
.map array_map array key=4 value=16 max_entries=1
.map hash_map hash key=4 value=16 max_entries=1

    r1 = 0
    *(u32 *)(r10 - 20) = r1
    r2 = r10
    r2 += -20
    r1 = hash_map ll
    call bpf_map_lookup_elem
    r4 = r10
    r4 += -16
    r1 = r0
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    r0 = 0
    exit
