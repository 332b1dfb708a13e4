.program iterator_parse_strings tp
.map ringbuf ringbuf max_entries=4096
.image .data 16 = "1,23,456,78"
.data str 16 at=0
.image .rodata.str1.1 16 = "hello, dynptr!!"
.image .bss 36
.bss err 4 at=0
.bss buf 32 at=4

    r6 = err ll
    r1 = 1
    *(u32 *)(r6 + 0) = r1
    r1 = 0
    *(u64 *)(r10 - 8) = r1
    *(u64 *)(r10 - 16) = r1
    r4 = r10
    r4 += -32
    r1 = str ll
    r2 = 11
    r3 = 0
    call bpf_dynptr_from_mem
    if r0 != 0 goto +25 <LBB13_6>
    r1 = 2
    *(u32 *)(r6 + 0) = r1
    r1 = r10
    r1 += -32
    r3 = r10
    r3 += -16
    r2 = parse_number ll
    r4 = 0
    call bpf_dynptr_iterator
    if r0 != 0 goto +14 <LBB13_6>
    r1 = err ll
    r2 = 3
    *(u32 *)(r1 + 0) = r2
    r1 = *(u64 *)(r10 - 16)
    if r1 != 558 goto +8 <LBB13_6>
    r1 = 1
    r2 = *(u64 *)(r10 - 8)
    if r2 != 4 goto +1 <LBB13_5>
    r1 = 0
LBB13_5:
    r1 <<= 2
    r2 = err ll
    *(u32 *)(r2 + 0) = r1
LBB13_6:
    r0 = 0
    exit

parse_number:
    r6 = r2
    r8 = r1
    r1 = r10
    r1 += -1
    r7 = 0
    r2 = 1
    r3 = r8
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    if r0 != 0 goto +159 <LBB14_18>
    r1 = 0
    r9 = *(u8 *)(r10 - 1)
    r7 = 1
    if r9 == 44 goto +149 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 1
    r2 = 1
    r3 = r8
    r4 = 1
    r5 = 0
    call bpf_dynptr_read
    r9 <<= 56
    r9 s>>= 56
    r9 += -48
    r1 = r9
    if r0 != 0 goto +136 <LBB14_17>
    r7 = 2
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    if r2 == 44 goto +132 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 2
    *(u64 *)(r10 - 16) = r2
    r2 = 1
    r3 = r8
    r4 = 2
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +115 <LBB14_17>
    r7 = 3
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    if r2 == 44 goto +111 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 3
    *(u64 *)(r10 - 16) = r2
    r2 = 1
    r3 = r8
    r4 = 3
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +94 <LBB14_17>
    r7 = 4
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    if r2 == 44 goto +90 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 4
    *(u64 *)(r10 - 16) = r2
    r2 = 1
    r3 = r8
    r4 = 4
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +73 <LBB14_17>
    r7 = 5
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    if r2 == 44 goto +69 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 5
    *(u64 *)(r10 - 16) = r2
    r2 = 1
    r3 = r8
    r4 = 5
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +52 <LBB14_17>
    r7 = 6
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    *(u64 *)(r10 - 16) = r2
    if r2 == 44 goto +47 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 6
    r2 = 1
    r3 = r8
    r4 = 6
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +31 <LBB14_17>
    r7 = 7
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    *(u64 *)(r10 - 16) = r2
    if r2 == 44 goto +26 <LBB14_17>
    r1 = r10
    r1 += -1
    r7 = 7
    r2 = 1
    r3 = r8
    r4 = 7
    r5 = 0
    call bpf_dynptr_read
    r9 *= 10
    r1 = *(u64 *)(r10 - 16)
    r1 <<= 56
    r1 s>>= 56
    r9 += r1
    r9 += -48
    r1 = r9
    if r0 != 0 goto +10 <LBB14_17>
    r7 = 8
    r2 = *(u8 *)(r10 - 1)
    r1 = r9
    if r2 == 44 goto +6 <LBB14_17>
    r9 *= 10
    r2 <<= 56
    r2 s>>= 56
    r9 += r2
    r9 += -48
    r1 = r9
LBB14_17:
    r2 = *(u64 *)(r6 + 0)
    r2 += r1
    *(u64 *)(r6 + 0) = r2
    r1 = *(u64 *)(r6 + 8)
    r1 += 1
    *(u64 *)(r6 + 8) = r1
LBB14_18:
    r0 = r7
    exit
