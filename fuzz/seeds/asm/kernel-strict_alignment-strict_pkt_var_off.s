.program strict_pkt_var_off xdp
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 40
    if r4 > r3 goto +8 <LBB13>
    r5 = *(u8 *)(r2 + 0)
    r5 &= 2
    r2 += r5
    r4 = r2
    r4 += 20
    if r4 > r3 goto +2 <LBB13>
    r0 = *(u32 *)(r2 + 14)
    exit
LBB13:
    r0 = 0
    exit
