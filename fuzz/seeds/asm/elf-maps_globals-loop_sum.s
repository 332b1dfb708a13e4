.program loop_sum syscall
.map seen hash key=8 value=4 max_entries=128
.map counters array key=4 value=16 max_entries=8
.image .data 12 = [0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
.data total_len 8 at=0
.data scale 4 at=8
.image .rodata 4 = 100
.rodata limit 4 at=0
.image .bss 4
.bss hits 4 at=0

    r1 = 0
    *(u64 *)(r10 - 8) = r1
    r1 = limit ll
    r1 = *(u32 *)(r1 + 0)
    r3 = r10
    r3 += -8
    r2 = add_one ll
    r4 = 0
    call bpf_loop
    r1 = hits ll
    r2 = *(u32 *)(r1 + 0)
    r0 = *(u64 *)(r10 - 8)
    r2 += r0
    *(u32 *)(r1 + 0) = r2
    exit

add_one:
    r1 <<= 32
    r1 >>= 32
    r3 = *(u64 *)(r2 + 0)
    r3 += r1
    *(u64 *)(r2 + 0) = r3
    r0 = 0
    exit
