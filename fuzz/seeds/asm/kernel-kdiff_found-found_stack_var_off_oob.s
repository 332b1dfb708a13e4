.program found_stack_var_off_oob tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r8 = *(u32 *)(r1 + 0)
    r8 &= 15
    r1 = r10
    r1 += -8
    r1 += r8
    r0 = *(u8 *)(r1 + 0)
    exit
