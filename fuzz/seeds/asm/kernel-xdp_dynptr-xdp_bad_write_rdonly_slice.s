.program xdp_bad_write_rdonly_slice xdp

    r2 = 0
    *(u32 *)(r10 - 20) = r2
    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call kfunc bpf_dynptr_from_xdp
    r3 = r10
    r3 += -20
    r1 = r6
    r2 = 0
    r4 = 4
    call bpf_dynptr_slice
    if r0 == 0 goto +2 <LBB4_2>
    r1 = 1
    *(u8 *)(r0 + 0) = r1
LBB4_2:
    r0 = 0
    exit
