; Lesson (rejected): changing the packet kills slices of every skb dynptr.
;
; A slice of a clone of the skb dynptr points into the packet.
; bpf_skb_pull_data may move the packet data, so the verifier turns every
; slice of every skb dynptr into a scalar: reading it is refused with
; "invalid mem access 'scalar'" (clone_skb_packet_data).
.program clone_skb_packet_data tc

    r6 = r1
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb

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
    call bpf_dynptr_data        ; slice of the clone
    if r0 == 0 goto out
    r7 = r0

    r1 = r6
    r2 = 0
    call bpf_skb_pull_data      ; packet data may move

    r0 = *(u8 *)(r7 + 0)        ; dead slice
    exit
out:
    r0 = 0
    exit
