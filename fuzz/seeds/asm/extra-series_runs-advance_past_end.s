.program advance_past_end raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 20
.bss buf 16 at=0
.bss small 4 at=16

    r6 = r10
    r6 += -16
    r1 = buf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_dynptr_from_mem
    r1 = r6
    r2 = 17
    call bpf_dynptr_advance
    exit
