.program xdp_slice_after_adjust_head xdp

    r6 = r1
    r7 = r10
    r7 += -16
    r2 = 0
    r3 = r7
    call bpf_dynptr_from_xdp
    r1 = r7
    r2 = 0
    r3 = 14
    call bpf_dynptr_data
    r7 = r0
    if r7 == 0 goto +4 <LBB2_2>
    r1 = r6
    r2 = 14
    call bpf_xdp_adjust_head
    r1 = *(u8 *)(r7 + 13)
LBB2_2:
    r0 = 2
    exit
