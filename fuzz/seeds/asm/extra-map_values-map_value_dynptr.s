.program map_value_dynptr raw_tp
.map array_map array key=4 value=16 max_entries=1
.map hash_map hash key=4 value=16 max_entries=1

    r1 = 1234605616436508552 ll
    *(u64 *)(r10 - 8) = r1
    r1 = 0
    *(u32 *)(r10 - 28) = r1
    r2 = r10
    r2 += -28
    r1 = array_map ll
    call bpf_map_lookup_elem
    r7 = r0
    r6 = 1
    if r7 == 0 goto +21 <LBB0_5>
    r4 = r10
    r4 += -24
    r1 = r7
    r2 = 16
    r3 = 0
    call bpf_dynptr_from_mem
    if r0 != 0 goto +14 <LBB0_5>
    r1 = r10
    r1 += -24
    r3 = r10
    r3 += -8
    r2 = 8
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    if r0 != 0 goto +5 <LBB0_5>
    r1 = *(u64 *)(r7 + 8)
    r6 = 1
    r2 = *(u64 *)(r10 - 8)
    if r1 != r2 goto +1 <LBB0_5>
    r6 = 0
LBB0_5:
    r0 = r6
    exit
