.program strict_pkt_fixed_off xdp
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto +3 <LBB8>
    r2 += 10
    r0 = *(u16 *)(r2 + 1)
    exit
LBB8:
    r0 = 0
    exit
