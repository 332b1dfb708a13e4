.program ringbuf_invalid_api raw_tp
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
    if r0 == 0 goto +3 <LBB10_2>
    r1 = r0
    r2 = 0
    call bpf_ringbuf_submit
LBB10_2:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
