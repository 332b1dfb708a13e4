.program iter_num_missing_destroy raw_tp
.map ringbuf ringbuf max_entries=4096

    r6 = r10
    r6 += -8
    r1 = r6
    r2 = 0
    r3 = 3
    call bpf_iter_num_new
    r1 = r6
    call bpf_iter_num_next
    r0 = 0
    exit
