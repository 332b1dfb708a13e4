.program release_on_one_path raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 16
.bss buf 16 at=0

    r1 = 42
    *(u64 *)(r10 - 24) = r1
    r6 = 0
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    call bpf_get_prandom_u32
    r0 <<= 32
    r0 s>>= 32
    if r6 s> r0 goto +12 <LBB0_2>
    r6 = r10
    r6 += -16
    r3 = r10
    r3 += -24
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB0_2:
    r0 = 0
    exit
