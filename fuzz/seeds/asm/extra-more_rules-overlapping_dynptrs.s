.program overlapping_dynptrs raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 16
.bss buf 16 at=0

    r6 = r10
    r6 += -32
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r7 = r10
    r7 += -24
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    r4 = r7
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
