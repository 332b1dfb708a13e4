.program pkt_jlt_range xdp

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 8
    if r4 < r3 goto +2 <LBB7>
    r0 = 0
    exit
LBB7:
    r0 = *(u8 *)(r2 + 8)
    exit
