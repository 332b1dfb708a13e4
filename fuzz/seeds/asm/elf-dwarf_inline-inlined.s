.program inlined raw_tp
.map events ringbuf max_entries=4096

    r1 = 8
    *(u32 *)(r10 - 4) = r1
    r4 = r10
    r4 += -24
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r6 = r0
    if r6 == 0 goto +5 <LBB0_2>
    r1 = r10
    r1 += -24
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +12 <LBB0_3>
LBB0_2:
    r7 = r10
    r7 += -24
    r3 = r10
    r3 += -4
    r1 = r7
    r2 = 0
    r4 = 4
    r5 = 0
    call bpf_dynptr_write
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB0_3:
    r1 = 16
    *(u32 *)(r10 - 4) = r1
    r4 = r10
    r4 += -24
    r1 = events ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r7 = r0
    if r7 == 0 goto +5 <LBB0_5>
    r1 = r10
    r1 += -24
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +12 <LBB0_6>
LBB0_5:
    r8 = r10
    r8 += -24
    r3 = r10
    r3 += -4
    r1 = r8
    r2 = 0
    r4 = 4
    r5 = 0
    call bpf_dynptr_write
    r1 = r8
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB0_6:
    r7 += r6
    r0 = r7
    exit
