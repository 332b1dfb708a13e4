.program count_xdp xdp
.map seen hash key=8 value=4 max_entries=128
.map counters array key=4 value=16 max_entries=8
.image .data 12 = [0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
.data total_len 8 at=0
.data scale 4 at=8
.image .rodata 4 = 100
.rodata limit 4 at=0
.image .bss 4
.bss hits 4 at=0

    r3 = *(u32 *)(r1 + 0)
    r2 = *(u32 *)(r1 + 4)
    r1 = hits ll
    r4 = *(u32 *)(r1 + 0)
    r4 += 1
    *(u32 *)(r1 + 0) = r4
    r2 -= r3
    r2 <<= 32
    r2 >>= 32
    r1 = total_len ll
    r3 = *(u64 *)(r1 + 0)
    r3 += r2
    *(u64 *)(r1 + 0) = r3
    r0 = 1
    r1 = limit ll
    r1 = *(u32 *)(r1 + 0)
    if r2 > r1 goto +3 <LBB0_2>
    r1 = 0
    call account
    r0 = 2
LBB0_2:
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
