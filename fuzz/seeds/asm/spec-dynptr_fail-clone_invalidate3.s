.program clone_invalidate3 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 32
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r7 = r10
    r7 += -32
    r1 = r6
    r2 = r7
    r3 = 0
    call bpf_dynptr_clone
    r6 = r10
    r6 += -48
    r1 = r7
    r2 = r6
    r3 = 8
    call bpf_dynptr_clone
    r1 = r7
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r1 = r6
    r2 = 4
    call bpf_dynptr_advance
    r0 = 0
    exit
