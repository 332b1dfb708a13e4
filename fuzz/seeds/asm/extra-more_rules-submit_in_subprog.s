.program submit_in_subprog raw_tp
.map ringbuf ringbuf max_entries=4096
.image .bss 16
.bss buf 16 at=0

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r6
    call finish_record
    r0 = 0
    exit

finish_record:
    r6 = r1
    r1 = 7
    *(u64 *)(r10 - 8) = r1
    r3 = r10
    r3 += -8
    r1 = r6
    r2 = 0
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    exit
