.program ringbuf_missing_release_callback raw_tp
.map ringbuf ringbuf max_entries=4096

    r1 = 4
    r2 = reserve_cb ll
    r3 = 0
    r4 = 0
    call bpf_loop
    r0 = 0
    exit

reserve_cb:
    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    r0 = 0
    exit
