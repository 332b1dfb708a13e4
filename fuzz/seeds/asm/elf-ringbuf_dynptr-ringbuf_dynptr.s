.program ringbuf_dynptr raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 8
.bss submitted 8 at=0

    r6 = 0
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 24
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 == 0 goto +6 <LBB0_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 1
    goto +35 <LBB0_3>
LBB0_2:
    call bpf_get_current_pid_tgid
    r0 >>= 32
    *(u32 *)(r10 - 32) = r0
    r7 = r10
    r7 += -16
    r1 = r7
    call bpf_dynptr_get_size
    *(u32 *)(r10 - 28) = r0
    call bpf_ktime_get_ns
    *(u64 *)(r10 - 24) = r0
    r3 = r10
    r3 += -32
    r1 = r7
    r2 = 0
    r4 = 16
    r5 = 0
    call bpf_dynptr_write
    r1 = r7
    r2 = 16
    call bpf_dynptr_advance
    r3 = r10
    r3 += -24
    r1 = r7
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = submitted ll
    r2 = *(u64 *)(r1 + 0)
    r2 += 1
    *(u64 *)(r1 + 0) = r2
LBB0_3:
    r0 = r6
    exit
