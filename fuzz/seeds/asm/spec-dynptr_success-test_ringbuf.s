.program test_ringbuf tp
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r4 = r10
    r4 += -16
    r1 = ringbuf ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve_dynptr
    if r0 != 0 goto +19 <LBB2_3>
    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 16
    call bpf_dynptr_data
    r6 = r0
    if r6 == 0 goto +12 <LBB2_3>
    call bpf_get_current_pid_tgid
    r1 = 42
    *(u64 *)(r6 + 8) = r1
    r1 = 1
    *(u32 *)(r6 + 4) = r1
    r0 >>= 32
    *(u32 *)(r6 + 0) = r0
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    goto +8 <LBB2_4>
LBB2_3:
    r1 = err ll
    r2 = 1
    *(u32 *)(r1 + 0) = r2
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
LBB2_4:
    r0 = 0
    exit
