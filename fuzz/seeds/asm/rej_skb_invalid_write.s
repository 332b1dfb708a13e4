; Lesson (rejected): a slice of a read-only skb dynptr is read-only.
;
; cgroup_skb programs may not change packet data: the skb dynptr is
; read-only, and so is every slice of it. Storing through the slice is
; refused: "cannot write into rdonly_mem" (skb_invalid_write).
.program skb_invalid_write cgroup_skb

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb

    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 1
    call bpf_dynptr_data
    if r0 == 0 goto out
    r1 = 0x41
    *(u8 *)(r0 + 0) = r1        ; write into rdonly_mem
out:
    r0 = 1
    exit
