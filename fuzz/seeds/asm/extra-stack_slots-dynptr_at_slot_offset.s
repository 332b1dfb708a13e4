.program dynptr_at_slot_offset raw_tp
.map ringbuf ringbuf max_entries=4096
.map array_map array key=4 value=16 max_entries=1
.image .bss 32
.bss buf 16 at=0
.bss global_ptr 16 at=16

    r6 = r10
    r6 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    r4 = r6
    call bpf_ringbuf_reserve_dynptr
    r1 = r10
    r1 += -24
    r3 = r10
    r3 += -8
    r2 = 8
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r0 = 0
    exit
