.program strict_pkt_ip_word xdp
.map align_rb ringbuf max_entries=4096
.image .bss 32
.bss align_words 32 at=0

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto +2 <LBB7>
    r0 = *(u32 *)(r2 + 26)
    exit
LBB7:
    r0 = 0
    exit
