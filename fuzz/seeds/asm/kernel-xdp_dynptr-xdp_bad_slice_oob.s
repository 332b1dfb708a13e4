.program xdp_bad_slice_oob xdp

    r6 = 0
    *(u32 *)(r10 - 20) = r6
    r7 = r10
    r7 += -16
    r2 = 0
    r3 = r7
    call kfunc bpf_dynptr_from_xdp
    r3 = r10
    r3 += -20
    r1 = r7
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice
    if r0 == 0 goto +1 <LBB5_2>
    r6 = *(u8 *)(r0 + 4)
LBB5_2:
    r0 = r6
    exit
