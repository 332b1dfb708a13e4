.program spilled_dynptr_pointer raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 16
.bss buf 16 at=0

    r4 = r10
    r4 += -16
    *(u64 *)(r10 - 24) = r4
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    call bpf_get_prandom_u32
    r1 = *(u64 *)(r10 - 24)
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
