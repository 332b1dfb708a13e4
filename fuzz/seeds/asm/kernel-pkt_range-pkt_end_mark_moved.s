.program pkt_end_mark_moved xdp

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r9 = r2
    r9 += 64
    if r9 >= r3 goto +2 <LBB7>
    r0 = 0
    exit
LBB7:
    r9 += -256
    if r9 < r3 goto +2 <LBB11>
    r0 = 1
    exit
LBB11:
    r0 = *(u8 *)(r2 + 300)
    r0 = 2
    exit
