.program clone_invalidate4 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r7 = r10
    r7 += -32
    r1 = r6
    r2 = r7
    r3 = 0
    call bpf_dynptr_clone
    r1 = r7
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    r6 = r0
    if r6 != 0 goto +5 <LBB12_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +6 <LBB12_3>
LBB12_2:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = 1
    *(u64 *)(r6 + 0) = r1
LBB12_3:
    r0 = 0
    exit
