.program kfunc_slice_missing_null_check raw_tp
.map ringbuf ringbuf max_entries=4096

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    r2 = 0
    r3 = 0
    r4 = 8
    call bpf_dynptr_slice
    r7 = *(u64 *)(r0 + 0)
    r1 = r6
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = r7
    exit
