.program kfunc_skb_invalid_ctx xdp
.map ringbuf ringbuf max_entries=4096

    r3 = r10
    r3 += -16
    r2 = 0
    call kfunc bpf_dynptr_from_skb
    r0 = 2
    exit
