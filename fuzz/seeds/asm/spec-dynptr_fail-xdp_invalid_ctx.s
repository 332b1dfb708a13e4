.program xdp_invalid_ctx tc
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_xdp
    r0 = 0
    exit
