.program clone_invalid1 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone
    r0 = 0
    exit
