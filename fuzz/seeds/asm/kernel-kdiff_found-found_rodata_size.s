.program found_rodata_size tc
.map found_rb ringbuf max_entries=4096
.map found_arr array key=4 value=8 max_entries=1
.image .rodata 8 = 7
.rodata found_len 8 at=0
.image .data 8 = 7
.data found_len_rw 8 at=0

    r1 = 506097522914230528 ll
    *(u64 *)(r10 - 8) = r1
    r1 = found_len ll
    r3 = *(u64 *)(r1 + 0)
    r1 = found_rb ll
    r2 = r10
    r2 += -8
    r4 = 0
    call bpf_ringbuf_output
    exit
