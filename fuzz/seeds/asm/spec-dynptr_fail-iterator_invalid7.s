.program iterator_invalid7 raw_tp
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
    r2 = iterator_invalid7_cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

iterator_invalid7_cb:
    r0 = 4294967296 ll
    exit
