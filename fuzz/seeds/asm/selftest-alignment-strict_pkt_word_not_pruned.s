.program strict_pkt_word_not_pruned xdp

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto +8 <LBB13>
    r5 = *(u8 *)(r2 + 0)
    r6 = 12
    if r5 != 0 goto +1 <LBB9>
    r6 = 14
LBB9:
    r2 += r6
    r0 = *(u32 *)(r2 + 0)
    r0 = 0
    exit
LBB13:
    r0 = 0
    exit
