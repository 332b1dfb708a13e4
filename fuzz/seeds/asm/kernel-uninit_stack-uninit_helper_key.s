.program uninit_helper_key tc
.map uninit_map array key=4 value=8 max_entries=1

    r1 = uninit_map ll
    r2 = r10
    r2 += -8
    call bpf_map_lookup_elem
    r0 = 2
    exit
