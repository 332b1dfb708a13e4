.program clone_invalidate2 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r1 = 42
    *(u64 *)(r10 - 40) = r1
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
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r3 = r10
    r3 += -40
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r0 = 0
    exit
