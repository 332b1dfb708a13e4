.program skb_invalid_ctx raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    r0 = 0
    exit
