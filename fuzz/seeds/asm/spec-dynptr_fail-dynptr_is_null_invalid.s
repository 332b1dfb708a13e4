.program dynptr_is_null_invalid raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r1 = r10
    r1 += -16
    call bpf_dynptr_is_null
    r0 = 0
    exit
