; Lesson: bpf_xdp_adjust_head moves the packet's start; slices die.
;
; An xdp dynptr over the packet, and a data slice of the first 14 bytes
; (the Ethernet header). bpf_xdp_adjust_head(ctx, -8) grows the packet
; into the headroom: the Packet panel's data marker moves 8 bytes left.
; Because the packet data may have moved, every slice of an xdp dynptr is
; invalidated (Dynptrs panel: the slice is struck out). Then
; bpf_xdp_adjust_tail(ctx, -4) drops 4 bytes from the end.
.program xdp_adjust xdp

    r6 = r1                     ; struct xdp_md *
    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_xdp

    r1 = r10
    r1 += -16
    r2 = 0
    r3 = 14
    call bpf_dynptr_data        ; slice of the Ethernet header
    if r0 == 0 goto pass
    r7 = *(u8 *)(r0 + 12)       ; ethertype, high byte

    r1 = r6
    r2 = -8
    call bpf_xdp_adjust_head    ; data -= 8; the slice is now invalid

    r1 = r6
    r2 = -4
    call bpf_xdp_adjust_tail    ; data_end -= 4

pass:
    r0 = 2                      ; XDP_PASS
    exit
