.program xdp_clone_slice xdp

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 4294967295 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +48 <LBB3_6>
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    call kfunc bpf_dynptr_clone
    r1 = r0
    r0 = 4294967294 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +37 <LBB3_6>
    r1 = r10
    r1 += -32
    r2 = 34
    r3 = 42
    call bpf_dynptr_adjust
    r1 = r0
    r0 = 4294967293 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +26 <LBB3_6>
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -40
    r2 = 0
    r4 = 8
    call bpf_dynptr_slice
    r1 = r0
    r0 = 4294967292 ll
    if r1 == 0 goto +15 <LBB3_6>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r6 = r0
    r6 <<= 32
    r6 >>= 32
    r1 = r10
    r1 += -32
    call bpf_dynptr_size
    r1 = r0
    r1 <<= 32
    r1 >>= 32
    r0 = 1
    if r6 > r1 goto +1 <LBB3_6>
    r0 = 0
LBB3_6:
    exit
