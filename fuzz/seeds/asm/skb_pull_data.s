; Lesson: reading a header with bpf_dynptr_read, and bpf_skb_pull_data.
;
; The tc program copies the IPv4 header's protocol byte (packet offset 23)
; through an skb dynptr into the stack: bpf_dynptr_read works across
; fragments, so it does not need the data to be linear. bpf_skb_pull_data
; makes the first 64 bytes linear (Packet panel: the linear part grows);
; it invalidates every packet pointer and skb slice.
.program skb_pull tc

    r6 = r1
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb

    r1 = r10
    r1 += -24                   ; dst
    r2 = 1                      ; len
    r3 = r10
    r3 += -16                   ; the dynptr
    r4 = 23                     ; IPv4 protocol field
    r5 = 0
    call bpf_dynptr_read
    r7 = *(u8 *)(r10 - 24)      ; 17 for UDP

    r1 = r6
    r2 = 64
    call bpf_skb_pull_data

    r0 = r7
    exit
