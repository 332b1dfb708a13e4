.program iter_num_sum raw_tp
.map ringbuf ringbuf max_entries=4096

    r7 = r10
    r7 += -8
    r6 = 0
    r1 = r7
    r2 = 0
    r3 = 10
    call bpf_iter_num_new
    r1 = r7
    call bpf_iter_num_next
    if r0 == 0 goto +8 <LBB5_3>
    r1 = 0
LBB5_2:
    r6 = *(u32 *)(r0 + 0)
    r6 += r1
    r1 = r10
    r1 += -8
    call bpf_iter_num_next
    r1 = r6
    if r0 != 0 goto -7 <LBB5_2>
LBB5_3:
    r1 = r10
    r1 += -8
    call bpf_iter_num_destroy
    r0 = r6
    exit
