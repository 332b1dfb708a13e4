.program uninit_var_off_load tc
.map uninit_map array key=4 value=8 max_entries=1

    call bpf_get_prandom_u32
    r0 &= 8
    r1 = r10
    r1 += -16
    r1 += r0
    r2 = *(u32 *)(r1 + 0)
    r0 = 3
    exit
