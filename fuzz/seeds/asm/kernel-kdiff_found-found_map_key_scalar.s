.program found_map_key_scalar tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r1 = found_arr ll
    r2 = 0
    call bpf_map_lookup_elem
    r0 = 0
    exit
