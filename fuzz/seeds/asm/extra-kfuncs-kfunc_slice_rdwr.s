.program kfunc_slice_rdwr tc
.map ringbuf ringbuf max_entries=4096

    r6 = 0
    r7 = r10
    r7 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r7
    call bpf_ringbuf_reserve_dynptr
    r1 = r7
    r2 = 0
    r3 = 0
    r4 = 16
    call bpf_dynptr_slice_rdwr
    if r0 != 0 goto +6 <LBB2_2>
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r6 = 1
    goto +9 <LBB2_3>
LBB2_2:
    r1 = 42
    *(u64 *)(r0 + 8) = r1
    r1 = 1234605616436508552 ll
    *(u64 *)(r0 + 0) = r1
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
LBB2_3:
    r0 = r6
    exit
