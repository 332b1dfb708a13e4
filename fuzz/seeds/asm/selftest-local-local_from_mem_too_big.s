.program local_from_mem_too_big syscall
.image .bss 32
.bss scratch 32 at=0

    r4 = r10
    r4 += -16
    r1 = scratch ll
    r2 = 64
    r3 = 0
    call bpf_dynptr_from_mem
    r0 = 0
    exit
