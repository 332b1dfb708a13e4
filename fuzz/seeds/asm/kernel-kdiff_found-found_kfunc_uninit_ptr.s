.program found_kfunc_uninit_ptr tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r6 = r1
    call bpf_get_prandom_u32
    r1 = r6
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r0 = 0
    exit
