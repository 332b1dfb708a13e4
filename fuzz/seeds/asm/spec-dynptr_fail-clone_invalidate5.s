.program clone_invalidate5 raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 32
.bss buf 32 at=0

    r6 = 0
    r7 = r10
    r7 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r7
    call bpf_ringbuf_reserve_dynptr
    r2 = r10
    r2 += -32
    r1 = r7
    r3 = 0
    call bpf_dynptr_clone
    r1 = r7
    r2 = 0
    r3 = 8
    call bpf_dynptr_data
    r7 = r0
    if r7 != 0 goto +5 <LBB13_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +5 <LBB13_3>
LBB13_2:
    r1 = r10
    r1 += -32
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r6 = *(u64 *)(r7 + 0)
LBB13_3:
    r0 = r6
    exit
