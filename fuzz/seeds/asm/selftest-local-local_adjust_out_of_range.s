.program local_adjust_out_of_range syscall
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
    if r1 != 0 goto +5 <LBB3_2>
    r1 = r10
    r1 += -16
    r2 = 8
    r3 = 40
    call bpf_dynptr_adjust
LBB3_2:
    exit
