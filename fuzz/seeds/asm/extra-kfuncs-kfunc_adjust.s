.program kfunc_adjust raw_tp
.map ringbuf ringbuf max_entries=4096

    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r6 = 1
    if r0 != 0 goto +46 <LBB3_7>
    r1 = r10
    r1 += -16
    r2 = 4
    r3 = 12
    call bpf_dynptr_adjust
    r6 = 2
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +37 <LBB3_7>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r6 = 3
    r0 <<= 32
    r0 >>= 32
    if r0 != 8 goto +30 <LBB3_7>
    r1 = r10
    r1 += -16
    r2 = 6
    r3 = 2
    call bpf_dynptr_adjust
    r6 = 4
    r0 <<= 32
    r0 >>= 32
    r1 = 4294967274 ll
    if r0 != r1 goto +19 <LBB3_7>
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 9
    call bpf_dynptr_adjust
    r6 = 5
    r0 <<= 32
    r0 >>= 32
    r1 = 4294967262 ll
    if r0 != r1 goto +8 <LBB3_7>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r6 = 6
    r0 <<= 32
    r0 >>= 32
    if r0 != 8 goto +1 <LBB3_7>
    r6 = 0
LBB3_7:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = r6
    exit
