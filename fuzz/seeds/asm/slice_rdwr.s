; Lesson: writing the packet through a kfunc slice (tc).
;
; bpf_dynptr_from_skb (kfunc flavour) and bpf_dynptr_slice_rdwr give a
; writable pointer to the IPv4 header; the program decrements the TTL
; (packet byte 22). Watch the byte change in the Packet panel.
.program slice_rdwr tc

    r2 = 0
    r3 = r10
    r3 += -16
    call kfunc bpf_dynptr_from_skb

    r1 = r10
    r1 += -16
    r2 = 14                     ; IPv4 header
    r3 = r10
    r3 += -40
    r4 = 20
    call kfunc bpf_dynptr_slice_rdwr
    if r0 == 0 goto out
    r1 = *(u8 *)(r0 + 8)        ; TTL
    r1 += -1
    *(u8 *)(r0 + 8) = r1
out:
    r0 = 0                      ; TC_ACT_OK
    exit
