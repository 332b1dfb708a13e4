.program clone_invalidate1 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r7 = r10
    r7 += -32
    r1 = r6
    r2 = r7
    r3 = 0
    call bpf_dynptr_clone
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = r10
    r1 += -40
    r2 = 8
    r3 = r7
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = 0
    exit
