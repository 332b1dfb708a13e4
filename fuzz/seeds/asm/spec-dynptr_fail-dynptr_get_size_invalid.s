.program dynptr_get_size_invalid raw_tp
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
    r1 = r6
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r1 = r6
    call bpf_dynptr_get_size
    r0 = 0
    exit
