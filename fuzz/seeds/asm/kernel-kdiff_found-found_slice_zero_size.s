.program found_slice_zero_size tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r2 = 0
    r3 = r10
    r3 += -16
    call kfunc bpf_dynptr_from_skb
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = r10
    r3 += -32
    r4 = 0
    call bpf_dynptr_slice
    if r0 == 0 goto +2 <LBB14>
    r0 = 2
    exit
LBB14:
    r0 = 1
    exit
