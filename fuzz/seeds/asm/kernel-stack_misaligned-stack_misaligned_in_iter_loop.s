.program stack_misaligned_in_iter_loop syscall

    call bpf_get_prandom_u32
    r8 = r0
    r6 = -32
    r0 = 0
    *(u64 *)(r10 - 16) = r0
    r1 = r10
    r1 += -8
    r2 = 0
    r3 = 10
    call bpf_iter_num_new
    call bpf_get_prandom_u32
    if r0 == r8 goto +1 <LBB13>
    r6 = -31
LBB13:
    r1 = r10
    r1 += -8
    call bpf_iter_num_next
    if r0 == 0 goto +7 <LBB24>
    call bpf_get_prandom_u32
    if r0 != r8 goto -6 <LBB13>
    r1 = r10
    r1 += r6
    r2 = 7
    *(u64 *)(r1 + 0) = r2
    goto -11 <LBB13>
LBB24:
    r1 = r10
    r1 += -8
    call bpf_iter_num_destroy
    r0 = 0
    exit
