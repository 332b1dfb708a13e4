.program data_slice_use_after_release raw_tp
.map ringbuf ringbuf max_entries=4096

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    r2 = 0
    r3 = 16
    call bpf_dynptr_data
    r6 = r0
    if r6 != 0 goto +5 <LBB1_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +8 <LBB1_3>
LBB1_2:
    r1 = 123
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = 456
    *(u32 *)(r6 + 4) = r1
LBB1_3:
    r0 = 0
    exit
