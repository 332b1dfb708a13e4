.program release_twice_callback raw_tp
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
    call bpf_ringbuf_submit_dynptr
    r1 = 1
    r2 = discard_cb ll
    r3 = r6
    r4 = 0
    call bpf_loop
    r0 = 0
    exit

discard_cb:
    r1 = r2
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = 0
    exit
