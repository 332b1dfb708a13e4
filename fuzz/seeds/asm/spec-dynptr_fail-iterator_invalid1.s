.program iterator_invalid1 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r1 = r6
    r2 = iterator_invalid1_cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

iterator_invalid1_cb:
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r0 = 0
    exit
