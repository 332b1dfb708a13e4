.program strict_pkt_ip_header xdp

    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto +3 <LBB8>
    r0 = *(u32 *)(r2 + 14)
    r0 &= 255
    exit
LBB8:
    r0 = -1
    exit
