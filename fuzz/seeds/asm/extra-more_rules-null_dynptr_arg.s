.program null_dynptr_arg raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 16
.bss buf 16 at=0

    r1 = r10
    r1 += -8
    r2 = 8
    r3 = 0
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = 0
    exit
