.program local_uninit_read syscall
.image .bss 32
.bss scratch 32 at=0

    r1 = r10
    r1 += -20
    r3 = r10
    r3 += -16
    r2 = 4
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r0 = *(u32 *)(r10 - 20)
    exit
