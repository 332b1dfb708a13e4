; Lesson (rejected): bpf_xdp_adjust_head kills slices of every xdp dynptr.
;
; The same as clone_skb_packet_data for xdp: after the head moves, the
; clone's slice is a scalar: "invalid mem access 'scalar'"
; (clone_xdp_packet_data).
.program clone_xdp_packet_data xdp

    r6 = r1
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_xdp

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 0
    call bpf_dynptr_clone

    r1 = r10
    r1 += -32
    r2 = 0
    r3 = 14
    call bpf_dynptr_data
    if r0 == 0 goto out
    r7 = r0

    r1 = r6
    r2 = -8
    call bpf_xdp_adjust_head

    r0 = *(u8 *)(r7 + 0)        ; dead slice
    exit
out:
    r0 = 2
    exit
