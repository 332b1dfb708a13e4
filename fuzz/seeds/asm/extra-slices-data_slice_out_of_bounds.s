.program data_slice_out_of_bounds raw_tp
.map ringbuf ringbuf max_entries=4096

    r7 = 0
    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    if r0 == 0 goto +1 <LBB0_2>
    *(u8 *)(r0 + 8) = r7
LBB0_2:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
