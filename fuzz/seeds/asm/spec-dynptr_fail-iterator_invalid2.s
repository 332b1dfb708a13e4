.program iterator_invalid2 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r1 = r10
    r1 += -16
    r2 = iterator_noop_cb ll
    r3 = 0
    r4 = 0
    call bpf_dynptr_iterator
    r0 = 0
    exit

iterator_noop_cb:
    r0 = 0
    exit
