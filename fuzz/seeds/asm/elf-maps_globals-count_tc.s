.program count_tc tc
.map seen hash key=8 value=4 max_entries=128
.map counters array key=4 value=16 max_entries=8
.image .data 12 = [0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
.data total_len 8 at=0
.data scale 4 at=8
.image .rodata 4 = 100
.rodata limit 4 at=0
.image .bss 4
.bss hits 4 at=0

    r2 = *(u32 *)(r1 + 8)
    *(u64 *)(r10 - 8) = r2
    r2 = 1
    *(u32 *)(r10 - 12) = r2
    r2 = *(u32 *)(r1 + 0)
    r1 = 1
    call account
    r2 = r10
    r2 += -8
    r3 = r10
    r3 += -12
    r1 = seen ll
    r4 = 0
    call bpf_map_update_elem
    r0 = 0
    exit

account:
    r6 = r2
    *(u32 *)(r10 - 4) = r1
    r2 = r10
    r2 += -4
    r1 = counters ll
    call bpf_map_lookup_elem
    if r0 == 0 goto +10 <LBB1_2>
    r1 = *(u64 *)(r0 + 0)
    r1 += 1
    *(u64 *)(r0 + 0) = r1
    r1 = scale ll
    r1 = *(u32 *)(r1 + 0)
    r1 *= r6
    r2 = *(u64 *)(r0 + 8)
    r1 += r2
    *(u64 *)(r0 + 8) = r1
LBB1_2:
    exit
