.program found_kfunc_btf tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r6 = 4294967295 ll
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +33 <LBB17_7>
    r6 = r10
    r6 += -16
    r1 = r6
    call bpf_dynptr_size
    r1 = r6
    r2 = 0
    r3 = 0
    r4 = 0
    call bpf_dynptr_slice
    r8 = r0
    r7 = r10
    r7 += -24
    r1 = r7
    r2 = 0
    r3 = 3
    call bpf_iter_num_new
    r6 = 1
    if r8 != 0 goto +1 <LBB17_3>
    r6 = 0
LBB17_3:
    r1 = r7
    call bpf_iter_num_next
    if r0 == 0 goto +8 <LBB17_6>
    r1 = r6
LBB17_5:
    r6 = *(u32 *)(r0 + 0)
    r6 += r1
    r1 = r10
    r1 += -24
    call bpf_iter_num_next
    r1 = r6
    if r0 != 0 goto -7 <LBB17_5>
LBB17_6:
    r1 = r10
    r1 += -24
    call bpf_iter_num_destroy
LBB17_7:
    r0 = r6
    exit
