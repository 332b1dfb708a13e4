.program unreleased_in_subprog raw_tp
.map ringbuf ringbuf max_entries=4096

    call emit_sample
    r0 = 0
    exit

emit_sample:
    r1 = 7
    *(u64 *)(r10 - 24) = r1
    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r3 = r10
    r3 += -24
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    exit
