.program loop_callback_bad_return raw_tp
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
    r1 = 1
    r2 = write_two ll
    r3 = r6
    r4 = 0
    call bpf_loop
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit

write_two:
    r1 = r2
    r2 = 257
    *(u16 *)(r10 - 2) = r2
    r3 = r10
    r3 += -2
    r2 = 0
    r4 = 2
    r5 = 0
    call bpf_dynptr_write
    r0 = 2
    exit
