.program found_syscall_ctx_write syscall
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r2 = 7
    *(u64 *)(r1 + 8) = r2
    r0 = *(u64 *)(r1 + 8)
    exit
