; Lesson: clones are independent views that share one buffer.
;
; In a tc program, bpf_dynptr_from_skb gives a dynptr over the packet
; (fp-16). bpf_dynptr_clone(&ptr, &clone, 14) makes fp-32 a view starting
; 14 bytes further (past the Ethernet header). Both are drawn in the same
; colour in the Dynptrs panel: one family. Advancing the clone does not
; move the original. A byte written through the clone is read back through
; the original.
.program test_dynptr_clone tc

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb     ; r1 = skb still

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 14
    call bpf_dynptr_clone       ; clone: offset 14

    r1 = r10
    r1 += -32
    r2 = 2
    call bpf_dynptr_advance     ; only the clone moves: offset 16

    r1 = 0x45
    *(u64 *)(r10 - 40) = r1
    r1 = r10
    r1 += -32
    r2 = 0
    r3 = r10
    r3 += -40
    r4 = 1
    r5 = 0
    call bpf_dynptr_write       ; packet byte 16 = 0x45

    r1 = r10
    r1 += -48
    r2 = 1
    r3 = r10
    r3 += -16
    r4 = 16
    r5 = 0
    call bpf_dynptr_read        ; through the original: 0x45
    r0 = *(u8 *)(r10 - 48)
    exit
