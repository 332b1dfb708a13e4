.program kfunc_xdp_parse_ethertype xdp
.map ringbuf ringbuf max_entries=4096

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r6 = 1
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +12 <LBB8_4>
    r1 = r10
    r1 += -16
    r3 = r10
    r3 += -30
    r2 = 0
    r4 = 14
    call bpf_dynptr_slice
    if r0 == 0 goto +4 <LBB8_4>
    r1 = *(u16 *)(r0 + 12)
    r6 = 2
    if r1 == 8 goto +1 <LBB8_4>
    r6 = 1
LBB8_4:
    r0 = r6
    exit
