.program kfunc_slice_buffer_over_dynptr xdp
.map ringbuf ringbuf max_entries=4096

    r6 = r10
    r6 += -16
    r2 = 0
    r3 = r6
    call kfunc bpf_dynptr_from_xdp
    r1 = r0
    r0 = 1
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +10 <LBB10_3>
    r3 = r10
    r3 += -24
    r1 = r6
    r2 = 0
    r4 = 14
    call bpf_dynptr_slice
    r1 = r0
    r0 = 1
    if r1 == 0 goto +1 <LBB10_3>
    r0 = 2
LBB10_3:
    exit
