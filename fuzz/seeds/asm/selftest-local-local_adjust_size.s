.program local_adjust_size syscall
.image .bss 32
.bss scratch 32 at=0

    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    r1 = r0
    r0 = 4294967295 ll
    if r1 != 0 goto +14 <LBB1_3>
    r1 = r10
    r1 += -16
    r2 = 4
    r3 = 20
    call bpf_dynptr_adjust
    r1 = r0
    r0 = 4294967294 ll
    r1 <<= 32
    r1 >>= 32
    if r1 != 0 goto +3 <LBB1_3>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
LBB1_3:
    exit
