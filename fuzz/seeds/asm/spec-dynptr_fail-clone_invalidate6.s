.program clone_invalidate6 raw_tp
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
    r8 = r10
    r8 += -32
    r1 = r7
    r2 = r8
    r3 = 0
    call bpf_dynptr_clone
    r7 = r10
    r7 += -48
    r1 = r8
    r2 = r7
    r3 = 4
    call bpf_dynptr_clone
    r1 = r7
    r2 = 0
    r3 = 4
    call bpf_dynptr_data
    r7 = r0
    if r7 != 0 goto +5 <LBB14_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    goto +5 <LBB14_3>
LBB14_2:
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = *(u32 *)(r7 + 0)
LBB14_3:
    r0 = r6
    exit
