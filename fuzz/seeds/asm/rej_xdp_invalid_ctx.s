; Lesson (rejected): xdp dynptrs exist only in xdp programs.
;
; "unknown func bpf_dynptr_from_xdp" (xdp_invalid_ctx). Change the type
; to xdp and Verify again.
.program xdp_invalid_ctx tc

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_xdp
    r0 = 0
    exit
