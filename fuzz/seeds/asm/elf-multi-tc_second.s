.program tc_second tc
.image .data.stats 16 = [0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03]
.data.stats stats 16 at=0
.image .rodata 28 = [0x02, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63, 0x66, 0x69, 0x72, 0x73, 0x74, 0x20, 0x25, 0x75, 0x00, 0x73, 0x65, 0x63, 0x6f, 0x6e, 0x64, 0x20, 0x25, 0x6c, 0x6c, 0x75]
.rodata shift 4 at=0
.rodata tag 3 at=4
.rodata tc_first.____fmt 9 at=7
.rodata tc_second.____fmt 12 at=16

    r6 = r1
    r1 = *(u32 *)(r6 + 8)
    call mix
    r0 <<= 32
    r0 >>= 32
    r1 = stats ll
    r3 = *(u64 *)(r1 + 8)
    r3 += r0
    *(u64 *)(r1 + 8) = r3
    r1 = tc_second.____fmt ll
    r2 = 12
    call bpf_trace_printk
    r1 = r6
    call shared_len
    exit

mix:
    r0 = r1
    r1 = shift ll
    r1 = *(u32 *)(r1 + 0)
    r0 <<= r1
    r1 = tag ll
    r1 = *(u8 *)(r1 + 1)
    r0 ^= r1
    exit

shared_len:
    r3 = r10
    r3 += -16
    r2 = 0
    call bpf_dynptr_from_skb
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +3 <LBB0_2>
    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
LBB0_2:
    exit
