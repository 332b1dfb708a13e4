.program ringbuf_missing_release1 raw_tp
.map ringbuf ringbuf max_entries=4096

    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto +4 <LBB0_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB0_2:
    r0 = 0
    exit
