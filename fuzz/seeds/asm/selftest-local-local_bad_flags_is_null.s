.program local_bad_flags_is_null syscall
.image .bss 32
.bss scratch 32 at=0

    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 32
    r3 = 1
    call bpf_dynptr_from_mem
    r6 = r0
    if r6 != -22 goto +7 <LBB4_2>
    r1 = r10
    r1 += -16
    call kfunc bpf_dynptr_is_null
    r1 = r0
    r0 = 2147483648 ll
    if r1 != 0 goto +1 <LBB4_3>
LBB4_2:
    r0 = r6
LBB4_3:
    exit
