.program xdp_parse_ethertype xdp

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_xdp
    r6 = 1
    if r0 != 0 goto +14 <LBB3_5>
    r1 = r10
    r1 += -18
    r7 = 2
    r3 = r10
    r3 += -16
    r2 = 2
    r4 = 12
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +4 <LBB3_5>
    r1 = *(u16 *)(r10 - 18)
    if r1 == 8 goto +1 <LBB3_4>
    r7 = 1
LBB3_4:
    r6 = r7
LBB3_5:
    r0 = r6
    exit
