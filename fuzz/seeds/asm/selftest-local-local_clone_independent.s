.program local_clone_independent syscall
.image .bss 32
.bss scratch 32 at=0

    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 0
    call bpf_dynptr_from_mem
    r6 = 4294967295 ll
    if r0 != 0 goto +29 <LBB2_4>
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    call kfunc bpf_dynptr_clone
    r6 = 4294967294 ll
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +19 <LBB2_4>
    r1 = r10
    r1 += -32
    r2 = 8
    r3 = 16
    call bpf_dynptr_adjust
    r6 = 4294967293 ll
    r0 <<= 32
    r0 >>= 32
    if r0 != 0 goto +9 <LBB2_4>
    r1 = r10
    r1 += -16
    call bpf_dynptr_size
    r6 = r0
    r6 *= 100
    r1 = r10
    r1 += -32
    call bpf_dynptr_size
    r6 += r0
LBB2_4:
    r0 = r6
    exit
