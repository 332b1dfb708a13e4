.program uninit_direct_load tc
.map uninit_map array key=4 value=8 max_entries=1

    r1 = *(u64 *)(r10 - 8)
    r0 = 1
    exit
