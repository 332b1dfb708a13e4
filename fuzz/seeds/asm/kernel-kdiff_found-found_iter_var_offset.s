.program found_iter_var_offset tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r2 = *(u32 *)(r1 + 0)
    r2 &= 8
    r1 = r10
    r1 += -16
    r1 += r2
    r2 = 0
    r3 = 3
    call bpf_iter_num_new
    r0 = 0
    exit
