; Lesson (rejected): skb dynptrs exist only where there is an skb.
;
; A raw tracepoint has no packet, so the helper is not even offered to it:
; "unknown func bpf_dynptr_from_skb" (skb_invalid_ctx). Change the type to
; tc and Verify again.
.program skb_invalid_ctx raw_tp

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb
    r0 = 0
    exit
